import Controller
import Foundation
import Logging
import Testing
@testable import Notify

/// Timer passes repeat failures: each is told once, again only when it changes or after the stack recovered.
@Suite struct RepeatedFailureTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func sameFailureIsToldOnceUntilTheStackRecovers() async throws {
        let server = try await RecordingServer.start()
        let hook = NotificationChannel(kind: .webhook, url: try #require(URL(string: server.baseURL + "/hook")))
        let notifier = Notifier(config: NotificationConfig(channels: [hook]), logger: logger)
        let failing = try fixture("pass-rolled-back", as: PassReport.self)

        #expect(await notifier.notify(failing).map(\.event).sorted { $0.rawValue < $1.rawValue } == [.applied, .failed, .rolledBack])
        #expect(await notifier.notify(failing).map(\.event) == [.applied], "the same rollback and outage are not told again")

        var changed = failing
        changed.hosts[1].error = "TLS failed (check the CA)"
        #expect(await notifier.notify(changed).map(\.event).sorted { $0.rawValue < $1.rawValue } == [.applied, .failed],
                "a different error is news")

        var healthy = failing
        healthy.hosts[0].stacks[0].outcome = .inSync
        healthy.hosts[0].stacks[0].actions = []
        healthy.hosts[1].error = nil
        healthy.hosts[1].reachable = true
        healthy.hosts[0].stacks[2].outcome = .inSync
        #expect(await notifier.notify(healthy).isEmpty)
        #expect(await notifier.notify(failing).count == 3, "after recovery the same failure is news again")
        #expect(try await server.requests().count == 3 + 1 + 2 + 0 + 3)
    }

    @Test func anInvalidCommitIsToldOncePerCommit() async throws {
        let server = try await RecordingServer.start()
        let hook = NotificationChannel(kind: .webhook, url: try #require(URL(string: server.baseURL + "/hook")))
        let notifier = Notifier(config: NotificationConfig(channels: [hook]), logger: logger)
        #expect(await notifier.notifyInvalidCommit(commit: "a1", diagnostics: ["e"]).count == 1)
        #expect(await notifier.notifyInvalidCommit(commit: "a1", diagnostics: ["e"]).isEmpty)
        #expect(await notifier.notifyInvalidCommit(commit: "b2", diagnostics: ["e"]).count == 1)
    }
}
