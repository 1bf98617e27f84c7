import FoundationEssentials

/// Containers claimed by `reconcile adopt` and taken over by a pass (see `AdoptedContainer`).
extension Store {
    /// Records a claim or a takeover, replacing what was recorded for that container before.
    public func recordAdoption(_ adopted: AdoptedContainer) throws {
        try connection.execute("""
            INSERT INTO adopted_containers (host, container_id, name, stack, service, hash, instance, repository, recorded_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (host, container_id) DO UPDATE SET \
            name = excluded.name, stack = excluded.stack, service = excluded.service, hash = excluded.hash, \
            instance = excluded.instance, repository = excluded.repository, recorded_at = excluded.recorded_at
            """, [.text(adopted.host), .text(adopted.containerID), .text(adopted.name), .text(adopted.stack),
                  .text(adopted.service), .optionalText(adopted.hash), .optionalText(adopted.instance),
                  .optionalText(adopted.repository), .date(now())])
    }

    /// Every claim and takeover recorded for a host.
    public func adoptions(host: String) throws -> [AdoptedContainer] {
        try connection.query("""
            SELECT container_id, name, stack, service, hash, instance, repository FROM adopted_containers \
            WHERE host = ? ORDER BY name
            """, [.text(host)]) { row in
            AdoptedContainer(host: host, containerID: row.string(at: 0), name: row.string(at: 1), stack: row.string(at: 2),
                             service: row.string(at: 3), hash: row.optionalString(at: 4),
                             instance: row.optionalString(at: 5), repository: row.optionalString(at: 6))
        }
    }

    /// Forgets containers that are gone from the host (replaced by ones that carry their own labels, or removed).
    /// - Returns: how many records were dropped.
    @discardableResult
    public func forgetAdoptions(host: String, keeping live: Set<String>) throws -> Int {
        var dropped = 0
        for adopted in try adoptions(host: host) where !live.contains(adopted.containerID) {
            try connection.execute("DELETE FROM adopted_containers WHERE host = ? AND container_id = ?",
                                   [.text(host), .text(adopted.containerID)])
            dropped += connection.changes
        }
        return dropped
    }
}
