-- A state database exactly as schema version 1 of reconcile created it, frozen here so every later
-- migration is tested against a real old file. Never edit this file; add one per new version.
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


-- Rows as reconcile schema version 1 wrote them (timestamps: ms since 1970, 2025-11-24T16:00:00Z).
-- The action outcome is `rolled-back`, the spelling version 1 wrote (schema version 7 reads it as `rolled_back`).
INSERT INTO revisions (id, host, stack, git_commit, trigger_reason, started_at, finished_at, outcome,
                       spec, digests, actions, error, health_log, triggers)
VALUES (7, 'nas', 'media', '3f2a9c1e', 'webhook', 1764000000125, 1764000012625, 'rolled_back',
        '{"services":{"jellyfin":{"image":"jellyfin/jellyfin:10.9"}}}',
        '{"jellyfin":"sha256:aa11"}',
        '[{"kind":"recreate","outcome":"rolled-back","reasons":["image digest changed"],"service":"jellyfin","error":"unhealthy"}]',
        'jellyfin unhealthy after 30 s', '["curl: (7) connection refused"]', '["webhook","git"]');
INSERT INTO service_configs (hash, json, saved_at) VALUES ('c0ffee', '{"image":"jellyfin@sha256:aa11"}', 1764000000125);
INSERT INTO operations (id, host, stack, service, kind, payload, started_at, finished_at, outcome)
VALUES (3, 'nas', 'media', 'jellyfin', 'recreate', '{"old":"media-jellyfin-1"}', 1764000001000, NULL, NULL);
INSERT INTO operation_steps (operation_id, step, detail, recorded_at) VALUES
    (3, 'create-new', 'abc123', 1764000002000),
    (3, 'stop-old', NULL, 1764000003000);
INSERT INTO held_back (host, stack, service, hash, reason, held_at)
VALUES ('nas', 'media', 'jellyfin', 'c0ffee', 'unhealthy', 1764000013000);
INSERT INTO key_values (key, value, updated_at) VALUES ('digest:jellyfin/jellyfin:10.9', 'sha256:aa11', 1764000000125);
PRAGMA user_version = 1;
