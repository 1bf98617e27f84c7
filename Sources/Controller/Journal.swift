import FoundationEssentials
import Glibc
import Store

/// Write-ahead record of one operation: every step is stored *before* it is sent to the engine,
/// so a process killed at any point leaves enough behind for `Recovery` to finish or revert it.
struct Journal: Sendable {
    let store: Store
    let op: Int64
    /// Test-only: `RECONCILE_CRASH_AT=<step>` kills the process (SIGKILL) right after that step is
    /// journaled and before it runs, to prove recovery at every step boundary.
    let crashAt: String?
    /// The operation's host, stack and service, named in each step a watcher sees.
    var intent: OperationIntent?
    var observer: PassStepObserver?

    static func begin(_ store: Store, _ intent: OperationIntent, environment: [String: String],
                      observer: PassStepObserver? = nil) async throws -> Journal {
        let op = try await store.beginOperation(intent, owner: ProcessIdentity.current.text)
        return Journal(store: store, op: op, crashAt: environment["RECONCILE_CRASH_AT"], intent: intent, observer: observer)
    }

    func step(_ step: OperationStep, _ detail: String? = nil) async throws {
        try await store.recordStep(op: op, step: step, detail: detail)
        if let observer, let intent {
            observer(PassStep(host: intent.host, stack: intent.stack, service: intent.service, step: step.rawValue,
                              detail: detail))
        }
        if crashAt == step.rawValue { kill(getpid(), SIGKILL) }
    }

    func finish(_ outcome: OperationOutcome) async throws {
        try await store.finishOperation(op: op, outcome: outcome)
    }
}

/// What recovery needs to know about a recreate, stored as the operation's payload.
struct RecreatePayload: Codable, Sendable {
    var name: String
    var oldID: String?
    var newHash: String
    /// Whether the old container ran before the operation (nil in payloads of earlier versions: assume it did),
    /// so recovery starts it again only if it was running.
    var oldWasRunning: Bool?
    /// The data snapshot this recreate takes (issue 18); nil when the service's data is not snapshotted.
    var snapshot: SnapshotPlan?
    var tempName: String { name + ".next" }
    var prevName: String { name + ".prev" }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ text: String) -> RecreatePayload? {
        try? JSONDecoder().decode(RecreatePayload.self, from: Data(text.utf8))
    }
}
