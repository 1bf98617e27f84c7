import FoundationEssentials

/// The operation journal: a write-ahead intent log. Each mutation of a container is begun here and
/// each step recorded *before* it runs, so after a crash `unfinishedOperations()` says exactly how
/// far every interrupted operation got and recovery can finish or revert it.
extension Store {
    /// Journals the intent to operate on one service and returns the operation id.
    /// `owner` names the process (recovery leaves a living owner's operations alone).
    public func beginOperation(_ intent: OperationIntent, owner: String? = nil) throws -> Int64 {
        try connection.execute("""
            INSERT INTO operations (host, stack, service, kind, payload, started_at, owner) \
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.text(intent.host), .text(intent.stack), .text(intent.service),
                  .text(intent.kind.rawValue), .text(intent.payload), .date(now()), .optionalText(owner)])
        return connection.lastInsertRowID
    }

    /// Appends a step to an open operation; call it before doing the step.
    public func recordStep(op: Int64, step: OperationStep, detail: String? = nil) throws {
        try connection.transaction {
            try requireOpen(op)
            try connection.execute("""
                INSERT INTO operation_steps (operation_id, step, detail, recorded_at) VALUES (?, ?, ?, ?)
                """, [.integer(op), .text(step.rawValue), .optionalText(detail), .date(now())])
        }
    }

    /// Marks an operation finished with its outcome.
    public func finishOperation(op: Int64, outcome: OperationOutcome) throws {
        try connection.transaction {
            try requireOpen(op)
            try connection.execute("UPDATE operations SET finished_at = ?, outcome = ? WHERE id = ?",
                                   [.date(now()), .text(outcome.rawValue), .integer(op)])
        }
    }

    /// Operations begun but never finished, oldest first (the order recovery should handle them).
    public func unfinishedOperations() throws -> [JournalOperation] {
        let operations = try connection.query(
            "SELECT \(Store.operationColumns) FROM operations WHERE finished_at IS NULL ORDER BY id",
            row: Store.operationRow(from:))
        return try operations.map(withSteps)
    }

    /// One operation with its steps, or nil if there is none.
    public func operation(id: Int64) throws -> JournalOperation? {
        try connection.queryFirst("SELECT \(Store.operationColumns) FROM operations WHERE id = ?",
                                  [.integer(id)], row: Store.operationRow(from:)).map(withSteps)
    }

    /// Throws unless `op` exists and is unfinished: steps after the end would rewrite history.
    private func requireOpen(_ op: Int64) throws {
        let state = try connection.queryFirst("SELECT outcome FROM operations WHERE id = ?", [.integer(op)]) { row in
            try row.optionalKnown(OperationOutcome.self, at: 0, table: "operations", column: "outcome", rowID: op)
        }
        guard let state else { throw StoreError.unknownOperation(id: op) }
        if let outcome = state {
            throw StoreError.operationAlreadyFinished(id: op, outcome: outcome)
        }
    }

    /// Fills in an operation's steps, in recording order.
    private func withSteps(_ operation: JournalOperation) throws -> JournalOperation {
        var operation = operation
        operation.steps = try connection.query("""
            SELECT step, detail, recorded_at, id FROM operation_steps WHERE operation_id = ? ORDER BY id
            """, [.integer(operation.id)]) { row in
            JournalStep(step: try row.known(OperationStep.self, at: 0, table: "operation_steps", column: "step",
                                            rowID: row.int64(at: 3)),
                        detail: row.optionalString(at: 1), recordedAt: row.date(at: 2))
        }
        return operation
    }

    private static let operationColumns =
        "id, host, stack, service, kind, payload, started_at, finished_at, outcome, owner"

    /// Maps one row selected with `operationColumns`; steps are filled in by `withSteps`.
    private static func operationRow(from row: Statement) throws -> JournalOperation {
        let kind = try row.known(OperationKind.self, at: 4, table: "operations", column: "kind", rowID: row.int64(at: 0))
        let intent = OperationIntent(host: row.string(at: 1), stack: row.string(at: 2),
                                     service: row.string(at: 3), kind: kind, payload: row.string(at: 5))
        let outcome = try row.optionalKnown(OperationOutcome.self, at: 8, table: "operations", column: "outcome",
                                            rowID: row.int64(at: 0))
        return JournalOperation(id: row.int64(at: 0), intent: intent, startedAt: row.date(at: 6),
                                finishedAt: row.optionalDate(at: 7), outcome: outcome,
                                steps: [], owner: row.optionalString(at: 9))
    }
}
