import Controller
import Docker
import Foundation
import Planner
import Testing

/// Issue 9 on the lab: repo files reach a host through the Engine API alone, and their content decides recreates.
@Suite("Repo files shipped to hosts", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct RepoFilesTests {
    /// `web` serves ./site and reads ./conf/app.conf; `reader` mounts only ./site.
    func filesStack(_ repo: TestRepo, host: String, port: Int, conf: String = "level=info\n") throws {
        try repo.writeStack("files", """
        x-reconcile: {hosts: [\(host)], health: {min_ready: 1s}}
        services:
          web:
            image: lab/app:1
            ports: ["127.0.0.1:\(port):8080"]
            volumes:
              - ./site:/app/www
              - ./conf/app.conf:/etc/app.conf
          reader:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
            volumes: ["./site:/srv/site"]
        """)
        let folder = "stacks/\(repo.stack("files"))"
        try repo.write("\(folder)/site/index.html", "hello from git \(repo.suffix)\n")
        try repo.write("\(folder)/site/css/style.css", "body {}\n")
        try repo.write("\(folder)/conf/app.conf", conf)
    }

    @Test(arguments: LabEngine.allCases)
    func hostSeesRepoContentAndAnEditedFileRecreatesOnlyItsService(engine: LabEngine) async throws {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        let port = Int.random(in: 30000..<40000)
        try filesStack(repo, host: "nas", port: port)
        try repo.commit("files")
        let first = try await repo.controller().apply(ApplyRequest())
        #expect(first.succeeded, "\(first.renderText())")
        #expect(try await Self.fetch(netns: repo.netns("nas"), port: port) == "hello from git \(repo.suffix)\n")

        // Nothing is bound from the checkout: every mount source lies outside it, and repo mounts are read-only.
        let web = try await repo.docker("nas").inspectContainer("\(repo.stack("files"))-web-1")
        let binds = web.hostConfig?.binds ?? [], mounts = web.hostConfig?.mounts ?? []
        #expect(binds.count == 1 && mounts.count == 1, "\(binds) \(mounts)")
        #expect(!binds.contains { $0.hasPrefix(repo.root.path) } && !mounts.contains { $0.source?.hasPrefix(repo.root.path) == true })
        #expect(binds.allSatisfy { $0.hasSuffix(":/etc/app.conf:ro") } && mounts.allSatisfy { $0.readOnly == true })
        let confOnHost = try #require(binds.first?.split(separator: ":").first.map(String.init))
        #expect(try String(contentsOfFile: confOnHost, encoding: .utf8) == "level=info\n")

        // Still served with the checkout gone.
        let saved = repo.root.deletingLastPathComponent().appendingPathComponent("saved-\(repo.suffix)")
        try FileManager.default.moveItem(at: repo.root, to: saved)
        let withoutCheckout = try await Self.fetch(netns: repo.netns("nas"), port: port)
        try FileManager.default.moveItem(at: saved, to: repo.root)
        #expect(withoutCheckout == "hello from git \(repo.suffix)\n")

        repo.resetCounts()
        let second = try await repo.controller().apply(ApplyRequest())
        #expect(second.succeeded && !second.hasChanges, "\(second.renderText())")
        #expect(repo.requests("nas").filter { $0.hasPrefix("PUT ") && $0.contains("/archive") }.isEmpty)

        let before = try await repo.containers("files", on: "nas")
        for level in ["debug", "trace"] {
            try filesStack(repo, host: "nas", port: port, conf: "level=\(level)\n")
            try repo.commit("conf \(level)")
            let plan = try await repo.controller().plan()
            let actions = plan.hosts.flatMap(\.stacks).filter { $0.stack == repo.stack("files") }.flatMap(\.actions)
            #expect(actions.first { $0.service == "web" }.map { ($0.kind, $0.reasons) } ?? ("", [])
                        == ("recreate", ["file stacks/\(repo.stack("files"))/conf/app.conf changed"]), "\(actions)")
            #expect(actions.first { $0.service == "reader" }?.kind == "keep")
            repo.resetCounts()
            let report = try await repo.controller().apply(ApplyRequest())
            #expect(report.succeeded, "\(report.renderText())")
            #expect(repo.requests("nas").filter { $0.hasPrefix("PUT ") && $0.contains("/archive") }.count == 1,
                    "only the edited file is shipped: \(repo.requests("nas"))")
        }
        let after = try await repo.containers("files", on: "nas")
        let webName = "\(repo.stack("files"))-web-1", readerName = "\(repo.stack("files"))-reader-1"
        #expect(after[webName]?.id != before[webName]?.id)
        #expect(after[readerName]?.id == before[readerName]?.id)
        let newConf = try await repo.docker("nas").inspectContainer(webName).hostConfig?.binds?.first?.split(separator: ":").first
        #expect(try String(contentsOfFile: String(newConf ?? ""), encoding: .utf8) == "level=trace\n")

        // Three generations of app.conf were shipped: the one in use and the one before it are kept.
        let confVolumes = try await volumes(repo, on: "nas").filter { $0.labels?["reconcile.files.target"] == "/etc/app.conf" }
        #expect(confVolumes.count == 2, "\(confVolumes.map(\.name))")
        #expect(try await volumes(repo, on: "nas").filter { $0.labels?["reconcile.files.target"] == "/app/www" }.count == 1)
    }

    @Test func movingTheStackShipsTheSameContentToTheNewHost() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let port = Int.random(in: 40000..<50000)
        try filesStack(repo, host: "iot", port: port)
        try repo.commit("on iot")
        #expect(try await repo.controller().apply(ApplyRequest()).succeeded)
        #expect(try await Self.fetch(netns: repo.netns("iot"), port: port) == "hello from git \(repo.suffix)\n")

        try filesStack(repo, host: "nas", port: port)
        try repo.commit("to nas")
        let moved = try await repo.controller().apply(ApplyRequest())
        #expect(moved.succeeded, "\(moved.renderText())")
        #expect(try await repo.containers("files", on: "iot").isEmpty)
        #expect(try await repo.containers("files", on: "nas").count == 2)
        #expect(try await Self.fetch(netns: repo.netns("nas"), port: port) == "hello from git \(repo.suffix)\n")
        #expect(try await volumes(repo, on: "iot").isEmpty, "content left behind on iot")
        #expect(try await volumes(repo, on: "nas").count == 3)
    }

    /// Shipped-content volumes of this test's stacks on a host.
    func volumes(_ repo: TestRepo, on host: String) async throws -> [Volume] {
        try await repo.docker(host).listVolumes(filters: .label("reconcile.files"))
            .filter { $0.labels?[ManagedLabels.stack] == repo.stack("files") }
    }

    /// GET from inside the host's network namespace, where the port is published on 127.0.0.1.
    static func fetch(netns: String, port: Int) async throws -> String {
        var last = ""
        for _ in 0..<20 {
            let result = try run("/usr/bin/env", ["nsenter", "--net=\(netns)", "busybox", "wget", "-qO-",
                                                  "http://127.0.0.1:\(port)/index.html"])
            if result.status == 0 { return result.output }
            last = result.output
            try await Task.sleep(for: .milliseconds(250))
        }
        return "fetch failed: \(last)"
    }
}
