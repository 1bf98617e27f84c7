import Controller
import Docker
import Foundation
import Planner
import Testing

/// Issue 26: start from the containers a host already runs. Two Compose projects started with the lab's
/// `docker compose up` (one whose file stays readable, one whose file is gone) and a container started with
/// `docker run` are adopted on `nas`; the first pass takes over what is equal without recreating it and
/// replaces, with its reason, the one the test changed on purpose; the second pass is a no-op.
@Suite("Adopting running containers", .enabled(if: Lab.isConfigured, Lab.skipReason), .serialized)
struct AdoptTests {
    @Test func adoptThenFirstPassTakesOverWithoutRecreating() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let socket = try repo.lab.value("NAS_SOCK")
        let image = "adopt-\(repo.suffix)/app:1"
        let nas = try repo.docker("nas")
        try await nas.tagImage("lab/busybox:1", as: image)
        defer { _ = try? run("/usr/bin/docker", ["-H", "unix://\(socket)", "rmi", image]) }
        let kept = repo.stack("kept"), lost = repo.stack("lost"), byHand = repo.stack("byhand")
        let work = repo.root.deletingLastPathComponent().appendingPathComponent("reconcile-adopt-work-\(repo.suffix)")
        defer { try? FileManager.default.removeItem(at: work) }

        // `kept`: its compose file stays where Compose read it, so adopt copies it as it is.
        let keptFile = """
        services:
          web:
            image: \(image)
            command: ["sh", "-c", "sleep 3600"]
            environment: {GREETING: "hello $$HOME", MODE: one}
            labels: {app.role: front}
            volumes: ["data:/data"]
            restart: unless-stopped
          worker:
            image: \(image)
            command: ["sh", "-c", "sleep 3600"]
            environment: {QUEUE: jobs}
        volumes:
          data: {}
        """
        try await Self.composeUp(kept, file: keptFile, in: work, socket: socket)
        // `lost`: started from a file that is gone since, so adopt rebuilds it from docker inspect.
        try await Self.composeUp(lost, file: """
        services:
          cache:
            image: \(image)
            command: ["sh", "-c", "sleep 3600"]
            environment: {SIZE: "64"}
            ports: ["127.0.0.1::8080"]
        """, in: work, socket: socket)
        try FileManager.default.removeItem(at: work.appendingPathComponent(lost))
        // `byhand`: `docker run`, no Compose at all.
        let started = try await runAsync("/usr/bin/docker", ["-H", "unix://\(socket)", "run", "-d", "--name", byHand,
                                                             "-e", "TOKEN=abc", "--restart", "always", image, "sleep", "3600"])
        try #require(started.status == 0, "docker run: \(started.output)")
        let before = try await Self.ids([kept, lost, byHand], nas)
        try #require(before.count == 4, "\(before)")

        let adopted = try await repo.cli(["adopt", "--host", "nas", "--project", kept, "--project", lost, "--project", byHand])
        #expect(adopted.status == 0, "\(adopted.output)")
        #expect(adopted.output.contains("3 stacks adopted from nas"), "\(adopted.output)")
        let copied = try String(contentsOf: repo.root.appendingPathComponent("stacks/\(kept)/compose.yaml"), encoding: .utf8)
        #expect(copied == keptFile, "the original file is copied as it is")
        let rebuilt = try String(contentsOf: repo.root.appendingPathComponent("stacks/\(lost)/compose.yaml"), encoding: .utf8)
        #expect(rebuilt.hasPrefix("# Reconstructed by `reconcile adopt`"), "\(rebuilt)")
        #expect(rebuilt.contains("SIZE: \"64\""), "\(rebuilt)")
        #expect(rebuilt.contains("\"127.0.0.1::8080\""), "\(rebuilt)")
        let hostFile = try String(contentsOf: repo.root.appendingPathComponent("hosts/nas.yaml"), encoding: .utf8)
        #expect(hostFile.contains("stacks: [\(byHand), \(kept), \(lost)]"), "\(hostFile)")
        #expect(try await Self.ids([kept, lost, byHand], nas) == before, "adopt itself stops nothing")
        let again = try await repo.cli(["adopt", "--host", "nas", "--project", kept])
        #expect(again.status != 0 && again.output.contains("exists already"), "adopt refuses to overwrite: \(again.output)")

        // The one changed on purpose: another value for the worker's variable.
        try repo.write("stacks/\(kept)/compose.yaml", keptFile.replacingOccurrences(of: "QUEUE: jobs", with: "QUEUE: mail"))
        try repo.commit("adopted from nas")
        let validate = try await repo.cli(["validate"])
        #expect(validate.status == 0, "\(validate.output)")

        let first = try await repo.controller().apply(ApplyRequest())
        let actions = first.hosts.flatMap(\.stacks).flatMap { stack in stack.actions.map { (stack.stack, $0) } }
        let kinds = Dictionary(actions.map { ("\($0.0)/\($0.1.service)", $0.1.kind) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["\(kept)/web"] == "adopt", "\(first.renderText())")
        #expect(kinds["\(lost)/cache"] == "adopt", "\(first.renderText())")
        #expect(kinds["\(byHand)/\(byHand)"] == "adopt", "\(first.renderText())")
        #expect(kinds["\(kept)/worker"] == "recreate", "\(first.renderText())")
        let workerReasons = actions.first { $0.0 == kept && $0.1.service == "worker" }?.1.reasons ?? []
        #expect(workerReasons.contains { $0.contains("environment QUEUE: another value") }, "\(workerReasons)")
        #expect(!workerReasons.joined().contains("mail"), "a variable's value never appears in a reason")
        #expect(first.succeeded, "\(first.renderText())")

        let after = try await Self.ids([kept, lost, byHand], nas)
        for name in before.keys where name != "\(kept)-worker-1" {
            #expect(after[name] == before[name], "\(name) was recreated")
        }
        #expect(after["\(kept)-worker-1"] != nil && after["\(kept)-worker-1"] != before["\(kept)-worker-1"])

        let second = try await repo.controller().apply(ApplyRequest())
        #expect(!second.hasChanges, "\(second.renderText())")
        #expect(try await Self.ids([kept, lost, byHand], nas) == after)

        let history = try await repo.cli(["history", "--stack", byHand, "--output", "json"])
        #expect(history.output.contains("\"adopt\""), "\(history.output)")
    }

    static func composeUp(_ project: String, file: String, in work: URL, socket: String) async throws {
        let folder = work.appendingPathComponent(project)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try file.write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        let up = try await runAsync(ComposeEqualityTests.composeBinary, ["--project-directory", folder.path, "-p", project,
                                                                        "up", "-d", "--pull", "never"],
                                    environment: ["DOCKER_HOST": "unix://\(socket)", "HOME": "/home/tester"])
        try #require(up.status == 0, "docker compose up: \(up.output)")
    }

    /// Container IDs by name for containers whose name starts with one of `prefixes`.
    static func ids(_ prefixes: [String], _ docker: DockerClient) async throws -> [String: String] {
        let list = try await docker.listContainers(all: true)
        return Dictionary(list.filter { c in prefixes.contains { c.name.hasPrefix($0) } }.map { ($0.name, $0.id) },
                          uniquingKeysWith: { a, _ in a })
    }
}
