import FoundationEssentials

/// The registry watcher's state: one row per watched image and one per registry.
extension Store {
    /// Inserts or replaces the state of one image reference.
    public func saveRegistryImage(_ state: RegistryImageState) throws {
        try connection.execute("""
            INSERT INTO registry_images (reference, digest, checked_at, next_check_at, failures, last_error, source) \
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reference) DO UPDATE SET \
            digest = excluded.digest, checked_at = excluded.checked_at, next_check_at = excluded.next_check_at, \
            failures = excluded.failures, last_error = excluded.last_error, source = excluded.source
            """, [.text(state.reference), .optionalText(state.digest), .optionalDate(state.checkedAt),
                  .date(state.nextCheckAt), .integer(Int64(state.failures)), .optionalText(state.lastError),
                  .text(state.source)])
    }

    /// Every image state, by reference.
    public func registryImages() throws -> [RegistryImageState] {
        try connection.query("""
            SELECT reference, digest, checked_at, next_check_at, failures, last_error, source \
            FROM registry_images ORDER BY reference
            """) { row in
            RegistryImageState(reference: row.string(at: 0), digest: row.optionalString(at: 1),
                               checkedAt: row.optionalDate(at: 2), nextCheckAt: row.date(at: 3),
                               failures: Int(row.int64(at: 4)), lastError: row.optionalString(at: 5),
                               source: row.string(at: 6))
        }
    }

    /// Inserts or replaces one registry's pause and budget.
    public func saveRegistryHost(_ state: RegistryHostState) throws {
        try connection.execute("""
            INSERT INTO registry_hosts (registry, paused_until, pause_reason, window_started_at, requests_in_window) \
            VALUES (?, ?, ?, ?, ?) ON CONFLICT (registry) DO UPDATE SET \
            paused_until = excluded.paused_until, pause_reason = excluded.pause_reason, \
            window_started_at = excluded.window_started_at, requests_in_window = excluded.requests_in_window
            """, [.text(state.registry), .optionalDate(state.pausedUntil), .optionalText(state.pauseReason),
                  .optionalDate(state.windowStartedAt), .integer(Int64(state.requestsInWindow))])
    }

    /// Every registry's pause and budget, by registry.
    public func registryHosts() throws -> [RegistryHostState] {
        try connection.query("""
            SELECT registry, paused_until, pause_reason, window_started_at, requests_in_window \
            FROM registry_hosts ORDER BY registry
            """) { row in
            RegistryHostState(registry: row.string(at: 0), pausedUntil: row.optionalDate(at: 1),
                              pauseReason: row.optionalString(at: 2), windowStartedAt: row.optionalDate(at: 3),
                              requestsInWindow: Int(row.int64(at: 4)))
        }
    }
}
