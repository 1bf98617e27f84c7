import Foundation
import Testing
@testable import Store

/// The write-ahead operation journal, including recovery after a process dies mid-operation.
@Suite struct JournalTests {
    let directory: TemporaryDirectory
    let clock = TestClock()

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func openStore() throws -> Store {
        try Store(path: directory.databaseURL, now: clock.now)
    }

    @Test func beginStepsFinishRecordsEverythingInOrder() async throws {
        let store = try openStore()
        let began = clock.date
        let op = try await store.beginOperation(Samples.intent())
        for (index, step) in [OperationStep.createNew, .stopOld, .renameOld, .renameNew, .startNew].enumerated() {
            clock.advance(seconds: 1)
            try await store.recordStep(op: op, step: step, detail: index == 0 ? "container abc123" : nil)
        }
        #expect(try await store.unfinishedOperations().map(\.id) == [op])

        clock.advance(seconds: 1)
        try await store.finishOperation(op: op, outcome: .done)
        let operation = try #require(try await store.operation(id: op))
        #expect(operation.intent == Samples.intent())
        #expect(operation.startedAt == began)
        #expect(operation.finishedAt == began.addingTimeInterval(6))
        #expect(operation.outcome == .done && operation.isFinished)
        #expect(operation.steps.map(\.step) == [.createNew, .stopOld, .renameOld, .renameNew, .startNew])
        #expect(operation.steps.first?.detail == "container abc123")
        #expect(operation.steps.map(\.recordedAt) == (1...5).map { began.addingTimeInterval(Double($0)) })
        #expect(try await store.unfinishedOperations().isEmpty)
        #expect(try await store.operation(id: op + 1) == nil)
    }

    @Test func unfinishedListsOnlyOpenOperationsOldestFirst() async throws {
        let store = try openStore()
        let a = try await store.beginOperation(Samples.intent(service: "a"))
        let b = try await store.beginOperation(Samples.intent(service: "b", kind: .create))
        let c = try await store.beginOperation(Samples.intent(service: "c", kind: .remove))
        try await store.recordStep(op: c, step: .stopOld)
        try await store.finishOperation(op: b, outcome: .done)
        let unfinished = try await store.unfinishedOperations()
        #expect(unfinished.map(\.id) == [a, c])
        #expect(unfinished.map(\.intent.kind) == [.recreate, .remove])
        #expect(unfinished[1].steps.map(\.step) == [.stopOld])
        #expect(unfinished.allSatisfy { !$0.isFinished && $0.outcome == nil })
    }

    @Test func droppedStoreLeavesTheOperationForTheNextStart() async throws {
        var op: Int64 = 0
        do {
            let store = try openStore()
            op = try await store.beginOperation(Samples.intent())
            try await store.recordStep(op: op, step: .createNew, detail: "abc123")
            try await store.recordStep(op: op, step: .stopOld)
        }
        let reopened = try openStore()
        let unfinished = try await reopened.unfinishedOperations()
        #expect(unfinished.map(\.id) == [op])
        #expect(unfinished.first?.steps.map(\.step) == [.createNew, .stopOld])
        try await reopened.finishOperation(op: op, outcome: .settled(.reverted))
        #expect(try await reopened.unfinishedOperations().isEmpty)
    }

    /// As after kill -9: the files are copied while the writer is still open, so nothing was
    /// checkpointed or closed; committed journal entries live only in the -wal file.
    @Test func filesCopiedMidOperationStillHoldTheJournal() async throws {
        let store = try openStore()
        let op = try await store.beginOperation(Samples.intent())
        try await store.recordStep(op: op, step: .renameOld)
        let crashed = try TemporaryDirectory()
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: directory.databaseURL.path + suffix,
                                             toPath: crashed.databaseURL.path + suffix)
        }
        let walSize = try FileManager.default.attributesOfItem(atPath: crashed.databaseURL.path + "-wal")[.size]
        #expect((walSize as? Int ?? 0) > 0, "the journal entries were still only in the WAL")

        let recovered = try Store(path: crashed.databaseURL, now: clock.now)
        let unfinished = try await recovered.unfinishedOperations()
        #expect(unfinished.map(\.id) == [op])
        #expect(unfinished.first?.steps.map(\.step) == [.renameOld])
        #expect(unfinished.first?.intent.payload == Samples.intent().payload)
    }

    @Test func stepsOnUnknownOrFinishedOperationsAreRefused() async throws {
        let store = try openStore()
        await #expect(throws: StoreError.unknownOperation(id: 42)) {
            try await store.recordStep(op: 42, step: .createNew)
        }
        await #expect(throws: StoreError.unknownOperation(id: 42)) {
            try await store.finishOperation(op: 42, outcome: .done)
        }
        let op = try await store.beginOperation(Samples.intent())
        try await store.finishOperation(op: op, outcome: .done)
        await #expect(throws: StoreError.operationAlreadyFinished(id: op, outcome: .done)) {
            try await store.recordStep(op: op, step: .removeOld)
        }
        await #expect(throws: StoreError.operationAlreadyFinished(id: op, outcome: .done)) {
            try await store.finishOperation(op: op, outcome: .settled(.reverted))
        }
        #expect(try await store.operation(id: op)?.steps.isEmpty == true)
        #expect(try await store.operation(id: op)?.outcome == .done)
    }

    @Test func stepsForAMissingOperationBreakTheForeignKey() async throws {
        _ = try openStore()
        let raw = try Connection(path: directory.databaseURL.path)
        try raw.execute("PRAGMA foreign_keys = ON")
        let sql = "INSERT INTO operation_steps (operation_id, step, recorded_at) VALUES (?, ?, ?)"
        let error = try #require(throws: SQLiteError.self) {
            try raw.execute(sql, [.integer(999), .text("orphan"), .integer(0)])
        }
        #expect(error.constraint == .foreignKey)
        #expect(error.sql == sql)
        #expect(error.message.contains("FOREIGN KEY"))
    }
}
