/// The Store's schema as an append-only list of migrations (see `Migrator`).
///
/// JSON-shaped fields are TEXT so the sqlite3 shell and `json_extract` can read them in an audit.
/// Timestamps are integer milliseconds since 1970.
enum Schema {
    static let migrations: [String] = [version1, version2, version3, version4, version5, version6, version7, version8]

    /// Revisions, service configs, the operation journal, held-back hashes and key/value state.
    static let version1 = """
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            host TEXT NOT NULL,
            stack TEXT NOT NULL,
            git_commit TEXT,
            trigger_reason TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'failed', 'rolled_back')),
            spec TEXT NOT NULL,
            digests TEXT NOT NULL,
            actions TEXT NOT NULL,
            error TEXT,
            health_log TEXT NOT NULL,
            triggers TEXT NOT NULL
        );
        CREATE INDEX revisions_by_host_stack ON revisions (host, stack, id);

        CREATE TABLE service_configs (
            hash TEXT PRIMARY KEY NOT NULL,
            json TEXT NOT NULL,
            saved_at INTEGER NOT NULL
        );

        CREATE TABLE operations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            host TEXT NOT NULL,
            stack TEXT NOT NULL,
            service TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            outcome TEXT,
            CHECK ((finished_at IS NULL) = (outcome IS NULL))
        );
        CREATE INDEX operations_unfinished ON operations (id) WHERE finished_at IS NULL;

        CREATE TABLE operation_steps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            operation_id INTEGER NOT NULL REFERENCES operations (id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            detail TEXT,
            recorded_at INTEGER NOT NULL
        );
        CREATE INDEX operation_steps_by_operation ON operation_steps (operation_id, id);

        CREATE TABLE held_back (
            host TEXT NOT NULL,
            stack TEXT NOT NULL,
            service TEXT NOT NULL,
            hash TEXT NOT NULL,
            reason TEXT NOT NULL,
            held_at INTEGER NOT NULL,
            PRIMARY KEY (host, stack, service)
        );

        CREATE TABLE key_values (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """

    /// The registry watcher's memory: newest digest per image and when to ask again, and per-registry
    /// pauses and request budgets, so a restart neither forgets a 429 nor re-asks what it just asked.
    static let version2 = """
        CREATE TABLE registry_images (
            reference TEXT PRIMARY KEY NOT NULL,
            digest TEXT,
            checked_at INTEGER,
            next_check_at INTEGER NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            source TEXT NOT NULL
        );

        CREATE TABLE registry_hosts (
            registry TEXT PRIMARY KEY NOT NULL,
            paused_until INTEGER,
            pause_reason TEXT,
            window_started_at INTEGER,
            requests_in_window INTEGER NOT NULL DEFAULT 0
        );
        """

    /// Who journaled an operation (`<boot id>/<pid>/<start time>`): recovery acts only on a dead owner's
    /// operations. NULL for operations of earlier versions, which count as dead.
    static let version3 = """
        ALTER TABLE operations ADD COLUMN owner TEXT;
        """

    /// Containers reconcile took over without recreating (Docker cannot relabel a container): its ownership
    /// labels live here, by container ID, until the container is replaced. `hash` NULL: claimed by
    /// `reconcile adopt`, not yet taken over by a pass.
    static let version4 = """
        CREATE TABLE adopted_containers (
            host TEXT NOT NULL,
            container_id TEXT NOT NULL,
            name TEXT NOT NULL,
            stack TEXT NOT NULL,
            service TEXT NOT NULL,
            hash TEXT,
            instance TEXT,
            repository TEXT,
            recorded_at INTEGER NOT NULL,
            PRIMARY KEY (host, container_id)
        );
        """

    /// Data snapshots (issue 18): one row per snapshot volume on a host. `state` is `taking` until the copy was
    /// verified; `config_hash` is the config whose container wrote the data, so a rollback to that config finds it.
    /// `data_hashes` remembers, per service, which config last ran on the live data.
    static let version5 = """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            host TEXT NOT NULL,
            stack TEXT NOT NULL,
            service TEXT NOT NULL,
            volume TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            image TEXT NOT NULL,
            sources TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('taking', 'complete')),
            size INTEGER NOT NULL DEFAULT 0,
            files INTEGER NOT NULL DEFAULT 0,
            revision INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX snapshots_by_service ON snapshots (host, stack, service, id);

        CREATE TABLE data_hashes (
            host TEXT NOT NULL,
            stack TEXT NOT NULL,
            service TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            PRIMARY KEY (host, stack, service)
        );
        """

    /// Version updates (issue 19): the tags each repository lists, kept like `registry_images` so one listing per
    /// repository per interval serves every service; and each update found, with its fate. `state`: `pending`
    /// (waits for approval), `notified`, `committed` (in the repository's history; `pushed_at` NULL while the push
    /// still has to be retried), `skipped` (stays skipped), `rolled_back` (not proposed again).
    static let version6 = """
        CREATE TABLE registry_tags (
            repository TEXT PRIMARY KEY NOT NULL,
            tags TEXT NOT NULL,
            checked_at INTEGER,
            next_check_at INTEGER NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            source TEXT NOT NULL
        );

        CREATE TABLE version_updates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            stack TEXT NOT NULL,
            service TEXT NOT NULL,
            image TEXT NOT NULL,
            current_tag TEXT NOT NULL,
            candidate_tag TEXT NOT NULL,
            step TEXT NOT NULL,
            mode TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'notified', 'committed', 'skipped', 'rolled_back')),
            found_at INTEGER NOT NULL,
            decided_at INTEGER,
            git_commit TEXT,
            pushed_at INTEGER,
            last_error TEXT,
            UNIQUE (stack, service, candidate_tag)
        );
        """

    /// One spelling per state (issue 23): an action that rolled back was stored `rolled-back` in `revisions.actions`
    /// while the revision said `rolled_back`; both are `rolled_back` now, as `ActionOutcome` reads them. The JSON is
    /// the Store's own (sorted keys, no spaces), and a quote inside a string value is escaped, so the pattern matches
    /// only the outcome field.
    static let version7 = """
        UPDATE revisions SET actions = replace(actions, '"outcome":"rolled-back"', '"outcome":"rolled_back"')
        WHERE actions LIKE '%"outcome":"rolled-back"%';
        """

    /// Typed operation outcomes (issue 23, `OperationOutcome`): the words of the first recovery, before one
    /// settlement routine decided for every path, become today's where they name the same checked state. The rest
    /// (`reverted` after an unchecked `try?`, a removal that may have found nothing, `recovered: completed` without
    /// a gate) say less than any case does, so they keep their words behind `earlier: ` rather than be guessed.
    static let version8 = """
        UPDATE operations SET outcome = CASE outcome
            WHEN 'recovered: completed (new container healthy, previous removed)'
                THEN 'recovered: settled: completed (the new container is healthy; the previous one was removed)'
            WHEN 'recovered: reverted to the previous container'
                THEN 'recovered: settled: reverted to the previous container'
            WHEN 'recovered: previous container kept'
                THEN 'recovered: settled: reverted to the previous container'
            WHEN 'recovered: half-made container removed'
                THEN 'recovered: settled: the new container was removed (nothing ran before)'
            ELSE 'earlier: ' || outcome
            END
        WHERE outcome IN ('recovered: completed (new container healthy, previous removed)',
                          'recovered: reverted to the previous container', 'recovered: previous container kept',
                          'recovered: half-made container removed', 'reverted', 'recovered: removal completed',
                          'recovered: completed', 'recovered: nothing was left to undo');
        """
}
