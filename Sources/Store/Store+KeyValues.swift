import FoundationEssentials

/// Small named state that outlives the process (digest caches, last-seen commits), and service
/// configs by hash, which explain *why* a service changed without inspecting containers.
extension Store {
    /// Stores `value` under `key`, replacing what was there.
    public func setValue(_ value: String, forKey key: String) throws {
        try connection.execute("""
            INSERT INTO key_values (key, value, updated_at) VALUES (?, ?, ?) \
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, [.text(key), .text(value), .date(now())])
    }

    /// The value stored under `key`, or nil.
    public func value(forKey key: String) throws -> String? {
        try connection.queryFirst("SELECT value FROM key_values WHERE key = ?", [.text(key)]) {
            $0.string(at: 0)
        }
    }

    /// Removes `key`; returns whether it existed.
    @discardableResult
    public func removeValue(forKey key: String) throws -> Bool {
        try connection.execute("DELETE FROM key_values WHERE key = ?", [.text(key)])
        return connection.changes > 0
    }

    /// Saves the canonical config JSON behind a `reconcile.hash`. Idempotent: the hash is of the
    /// content, so a second save of the same hash keeps the first text.
    public func saveServiceConfig(hash: String, json: String) throws {
        try connection.execute("""
            INSERT INTO service_configs (hash, json, saved_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING
            """, [.text(hash), .text(json), .date(now())])
    }

    /// The config JSON saved for `hash`, or nil if it was never saved.
    public func serviceConfig(hash: String) throws -> String? {
        try connection.queryFirst("SELECT json FROM service_configs WHERE hash = ?", [.text(hash)]) {
            $0.string(at: 0)
        }
    }

    /// The stored configs of `hashes` that the store has, by hash: one call for a whole host's containers.
    public func serviceConfigs(hashes: Set<String>) throws -> [String: String] {
        var configs: [String: String] = [:]
        for hash in hashes {
            if let json = try serviceConfig(hash: hash) { configs[hash] = json }
        }
        return configs
    }
}
