import FoundationEssentials

/// Held-back config hashes: after a rollback, the failing hash is remembered per service so the
/// next pass does not retry the same broken config until the spec changes.
extension Store {
    /// Holds back `hash` for a service, replacing any earlier hold for that service.
    public func holdBack(host: String, stack: String, service: String, hash: String, reason: String) throws {
        try connection.execute("""
            INSERT INTO held_back (host, stack, service, hash, reason, held_at) VALUES (?, ?, ?, ?, ?, ?) \
            ON CONFLICT (host, stack, service) DO UPDATE SET \
            hash = excluded.hash, reason = excluded.reason, held_at = excluded.held_at
            """, [.text(host), .text(stack), .text(service), .text(hash), .text(reason), .date(now())])
    }

    /// Every hold on a host, in one query: a pass reads them all at once, not one service at a time.
    public func heldBack(host: String) throws -> [HeldBack] {
        try connection.query("""
            SELECT stack, service, hash, reason, held_at FROM held_back WHERE host = ? ORDER BY stack, service
            """, [.text(host)]) { row in
            HeldBack(host: host, stack: row.string(at: 0), service: row.string(at: 1), hash: row.string(at: 2),
                     reason: row.string(at: 3), heldAt: row.date(at: 4))
        }
    }

    /// Lifts the hold on one service, or on every service of the stack when `service` is nil.
    /// - Returns: how many holds were lifted.
    @discardableResult
    public func clearHeldBack(host: String, stack: String, service: String? = nil) throws -> Int {
        if let service {
            try connection.execute("DELETE FROM held_back WHERE host = ? AND stack = ? AND service = ?",
                                   [.text(host), .text(stack), .text(service)])
        } else {
            try connection.execute("DELETE FROM held_back WHERE host = ? AND stack = ?",
                                   [.text(host), .text(stack)])
        }
        return connection.changes
    }
}
