import Controller
import Foundation
import Server
import Spec

/// Counts passes instead of running them; can hold every pass at a gate so triggers pile up meanwhile.
actor PassLog {
    private(set) var requests: [ApplyRequest] = []
    private var gateOpen = true
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func close() { gateOpen = false }

    func open() {
        gateOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    func enter(_ request: ApplyRequest) async {
        requests.append(request)
        if !gateOpen { await withCheckedContinuation { waiters.append($0) } }
    }

    var count: Int { requests.count }
    var allTriggers: [String] { requests.flatMap { $0.triggers ?? [$0.trigger.rawValue] } }
}

struct FakeRunner: PassRunner {
    let log: PassLog

    func apply(_ request: ApplyRequest, repository: URL) async throws -> PassReport {
        let started = Date()
        await log.enter(request)
        let loaded = load(repository: repository)
        // Like the controller: load errors stop the pass only when some belong to no stack.
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.rendered)
        return try Self.report(startedAt: started, diagnostics: loaded.repository == nil ? errors : [])
    }

    /// `PassReport` has no public initializer; its Codable form is public, so build one from JSON.
    static func report(startedAt: Date, diagnostics: [String]) throws -> PassReport {
        let json: [String: Any] = [
            "mode": "apply", "commit": "fake-commit", "startedAt": startedAt.timeIntervalSinceReferenceDate,
            "finishedAt": Date().timeIntervalSinceReferenceDate, "diagnostics": diagnostics, "hosts": [Any](),
        ]
        return try JSONDecoder().decode(PassReport.self, from: JSONSerialization.data(withJSONObject: json))
    }

    func load(repository: URL) -> LoadResult {
        RepositoryLoader.load(root: repository.path, environment: [:])
    }
}

enum Fixtures {
    static var root: URL {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures") ?? URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static var repo: URL { root.appendingPathComponent("repo") }

    static func hook(_ name: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent("hooks/\(name)"))
    }
}

/// Polls `condition` every 20 ms until it holds or `seconds` pass.
func eventually(_ seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
