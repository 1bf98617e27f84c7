import Controller
import Foundation
import Logging
import Registry
import Store
import Testing

/// Issue 7 on the lab: deploy windows hold changes as pending, and a registry push is found by one
/// poll and rolled out when the window opens. Time is injected.
@Suite("Deploy windows and registry watching", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct WindowTests {
    /// 2026-11-25 (a Wednesday) at hh:mm UTC.
    static func at(_ hour: Int, _ minute: Int, second: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_795_564_800 + Double(hour * 3600 + minute * 60 + second))
    }

    final class Clock: @unchecked Sendable {
        var now: Date
        init(_ now: Date) { self.now = now }
    }

    @Test func pushedImageIsFoundByOnePollAndWaitsForTheWindow() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let registry = try repo.lab.value("REGISTRY")
        let image = "\(registry)/it-\(repo.suffix)/app:stable"
        let nas = "unix://" + (try repo.lab.value("NAS_SOCK"))
        func push(_ source: String) async throws {
            let r = try await runAsync("/bin/bash", ["-c", "docker -H \(nas) tag \(source) \(image) && docker -H \(nas) push -q \(image)"])
            #expect(r.status == 0, "\(r.output)")
        }
        try await push("lab/app:1")
        try repo.writeStack("home", """
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 1s}
          updates: {policy: digest, interval: 1h}
          windows:
            - deny: "06:45-07:15"
        services:
          assistant: {image: "\(image)"}
          other: {image: lab/busybox:1, command: sleep 3600}
        """)
        try repo.commit("home")
        let clock = Clock(Self.at(6, 0))
        let controller = try repo.controller(now: { clock.now })
        #expect(try await controller.apply(ApplyRequest()).succeeded)
        let before = try await repo.containers("home", on: "nas")

        let store = try Store(path: repo.state.appendingPathComponent("registry.sqlite"))
        let watcher = try await RegistryWatcher(store: store, client: RegistryClient(logger: Logger(label: "it")),
                                                logger: Logger(label: "it"), clock: { clock.now })
        // Only the registry image: lab/busybox:1 would name Docker Hub, which tests never contact.
        let watched = WatchedImage.list(for: try #require(controller.load().repository).stacks)
        #expect(Set(watched.map(\.reference)) == [image, "lab/busybox:1"])
        await watcher.watch(watched.filter { $0.reference == image })
        let first = try await watcher.check(now: clock.now)
        #expect(first.requests == 1 && first.changed.isEmpty)

        try await push("lab/app:2")
        clock.now = Self.at(6, 44, second: 55)
        #expect(try await watcher.check(now: clock.now).requests == 0, "checked again before the interval")
        clock.now = Self.at(7, 10)  // past the 1h interval plus its (at most 10%) jitter
        let second = try await watcher.check(now: clock.now)
        #expect(second.changed == [image], "\(second)")

        // The update arrives inside the deny window: pulled, planned, and held as pending.
        let held = try await controller.apply(ApplyRequest(trigger: .registry, refresh: second.changed))
        let stack = try #require(held.hosts.flatMap(\.stacks).first { $0.stack == repo.stack("home") })
        #expect(held.succeeded && stack.outcome == .pending, "\(held.renderText())")
        #expect(stack.pendingUntil == Self.at(7, 15))
        #expect(held.nextWindowOpens == Self.at(7, 15))
        #expect(held.renderText().contains("deny window"), "\(held.renderText())")
        #expect(try await repo.containers("home", on: "nas").mapValues(\.id) == before.mapValues(\.id))

        clock.now = Self.at(7, 15)
        let applied = try await controller.apply(ApplyRequest(trigger: .window))
        #expect(applied.succeeded, "\(applied.renderText())")
        let after = try await repo.containers("home", on: "nas")
        let name = "\(repo.stack("home"))-assistant-1"
        #expect(after[name]?.id != before[name]?.id)
        #expect(after["\(repo.stack("home"))-other-1"]?.id == before["\(repo.stack("home"))-other-1"]?.id)
        #expect(after[name]?.imageID == (try await repo.docker("nas").inspectImage("lab/app:2").id))
    }

    @Test func aDenyWindowInForceIsOverriddenOnlyOnRequestAndOnRecord() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        // Denied every minute of every day, for a minute: always closed, whatever the real clock says.
        try repo.writeStack("frozen", """
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 1s}
          windows:
            - {kind: deny, schedule: "* * * * *", duration: 1m}
        services:
          app: {image: lab/busybox:1, command: sleep 3600}
        """)
        try repo.commit("frozen")
        let plan = try await repo.cli(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2 && plan.output.contains("\(repo.stack("frozen")): pending"), "\(plan.output)")
        let held = try await repo.cli(["apply"])
        #expect(held.status == 0 && held.output.contains("pending"), "\(held.output)")
        #expect(try await repo.containers("frozen", on: "nas").isEmpty)
        let status = try await repo.cli(["status", "--stack", repo.stack("frozen"), "--host", "nas"])
        #expect(status.output.contains("\(repo.stack("frozen")): pending"), "\(status.output)")

        let forced = try await repo.cli(["apply", "--ignore-windows"])
        #expect(forced.status == 0 && forced.output.contains("applied"), "\(forced.output)")
        #expect(try await repo.containers("frozen", on: "nas").count == 1)
        let record = try await repo.controller().history(hosts: ["nas"], stacks: [repo.stack("frozen")], limit: 1)
        #expect(record.revisions.first?.revision.triggers == ["manual", "ignore-windows"])
    }
}
