import Foundation
import Testing
@testable import Store

/// Many callers at once: the actor serialises one connection; two stores share a file by locking.
@Suite struct ConcurrencyTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func manyTasksOnOneStoreLoseNothing() async throws {
        let store = try Store(path: directory.databaseURL)
        let tasks = 200
        let results = try await withThrowingTaskGroup(of: (Int64, Int64).self) { group in
            for index in 0..<tasks {
                group.addTask {
                    let revision = try await store.insertRevision(Samples.revision(stack: "s\(index % 7)", minute: index))
                    let op = try await store.beginOperation(Samples.intent(service: "svc\(index)"))
                    try await store.recordStep(op: op, step: .createNew)
                    try await store.recordStep(op: op, step: .stopOld)
                    if index.isMultiple(of: 2) {
                        try await store.finishOperation(op: op, outcome: .done)
                    }
                    try await store.setValue("\(index)", forKey: "k\(index)")
                    return (revision, op)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results.map(\.0)).count == tasks, "every revision got its own id")
        #expect(try await store.revisions(limit: 1_000).count == tasks)
        let unfinished = try await store.unfinishedOperations()
        #expect(unfinished.count == tasks / 2)
        #expect(unfinished.allSatisfy { $0.steps.map(\.step) == [.createNew, .stopOld] })
        #expect(try await store.value(forKey: "k\(tasks - 1)") == "\(tasks - 1)")
    }

    @Test func twoStoresOnOneFileWaitForEachOther() async throws {
        let first = try Store(path: directory.databaseURL)
        let second = try Store(path: directory.databaseURL)
        let perStore = 100
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, store) in [("first", first), ("second", second)] {
                group.addTask {
                    for index in 0..<perStore {
                        let op = try await store.beginOperation(Samples.intent(service: "\(name)-\(index)"))
                        try await store.recordStep(op: op, step: .createNew)
                        try await store.finishOperation(op: op, outcome: .done)
                    }
                }
            }
            try await group.waitForAll()
        }
        let raw = try Connection(path: directory.databaseURL.path)
        let counts = try raw.queryFirst("""
            SELECT (SELECT count(*) FROM operations WHERE outcome = 'done'), (SELECT count(*) FROM operation_steps)
            """) { ($0.int64(at: 0), $0.int64(at: 1)) }
        #expect(counts?.0 == Int64(2 * perStore))
        #expect(counts?.1 == Int64(2 * perStore))
    }

    @Test func callsRunOnTheDatabaseQueueNotTheCallersThread() async throws {
        let store = try Store(path: directory.databaseURL)
        #expect(await store.isOnDatabaseQueue())
        let other = try Store(path: directory.appending("other.sqlite"))
        #expect(await other.isOnDatabaseQueue(), "each store has its own queue")
    }

    /// Stores waiting on another connection's write lock block their own queues only: with more
    /// waiters than the machine has cores, other async work still runs, and each waiting write
    /// completes once the lock is released instead of failing with SQLITE_BUSY.
    @Test func lockWaitsDoNotStallOtherTasks() async throws {
        let holder = try Connection(path: directory.databaseURL.path)
        let waiters = try (0..<(ProcessInfo.processInfo.activeProcessorCount + 2)).map { _ in
            try Store(path: directory.databaseURL)
        }
        let finished = Counter()
        try holder.execute("BEGIN IMMEDIATE")
        let writes = waiters.enumerated().map { index, store in
            Task {
                try await store.setValue("\(index)", forKey: "k\(index)")
                finished.increment()
            }
        }
        var ticks = 0
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(10))
            ticks += 1
        }
        #expect(ticks == 20, "the sleeping loop kept running while every waiter blocked")
        #expect(finished.value == 0, "no write got past the held lock")
        try holder.execute("COMMIT")
        for write in writes {
            try await write.value
        }
        #expect(finished.value == waiters.count)
        #expect(try await waiters[0].value(forKey: "k\(waiters.count - 1)") == "\(waiters.count - 1)")
    }
}
