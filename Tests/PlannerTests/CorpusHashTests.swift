import Basics
import Foundation
@testable import Planner
import Spec
import Testing

/// The config hash of every service in the spec corpus (real published compose files and the conformance
/// fixtures), pinned to values the scheme-2 encoder produced. `reconcile.hash` is on every running container:
/// a moved value recreates it at upgrade, so any rewrite of the hash must keep every line of
/// `Golden/corpus-hashes.txt`. `RECONCILE_WRITE_GOLDEN=1` rewrites the file (and fails, so it is never a pass).
@Suite struct CorpusHashTests {
    static let specFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../SpecTests/Fixtures").standardized
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/corpus-hashes.txt")
    static let environment = ["FROM_PROC": "proc-value", "HOME": "/home/tester", "PATH": "/usr/bin:/bin"]

    @Test func everyCorpusServiceKeepsItsHash() throws {
        var lines: [String] = []
        for folder in ["corpus", "conformance"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.specFixtures.appendingPathComponent(folder).path)
            for name in names.filter({ !$0.hasPrefix(".") }).sorted() {
                lines += try Self.hashLines(fixture: "\(folder)/\(name)", stack: name)
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["RECONCILE_WRITE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: Self.golden)
            Issue.record("wrote \(lines.count) lines to \(Self.golden.path); unset RECONCILE_WRITE_GOLDEN to compare")
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count >= 100, "the corpus should pin at least 100 services, got \(lines.count)")
        #expect(lines.count == expected.count)
        for (got, want) in zip(lines, expected) where got != want {
            Issue.record("hash moved:\n  golden \(want)\n  now    \(got)")
        }
    }

    /// The tree the hash is taken of is the one `JSONEncoder` and a parse of its text gave, service by service.
    @Test func theTreeEncoderMatchesJSONEncoderOnEveryCorpusService() throws {
        var compared = 0
        for folder in ["corpus", "conformance"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.specFixtures.appendingPathComponent(folder).path)
            for name in names.filter({ !$0.hasPrefix(".") }).sorted() {
                for config in try Self.configs(fixture: "\(folder)/\(name)", stack: name, use: "tree") {
                    let viaText = try #require(JSONValue.parse(config.encoded()))
                    #expect(try CanonicalTreeEncoder.encode(config) == viaText, "\(name)/\(config.service.name)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 200)
    }

    /// `<fixture> <service> <hash>` for every service of the loaded stack, with and without repo files and a
    /// second image, so the image ID and the repo-file map are pinned too; `refused` when it does not load.
    static func hashLines(fixture: String, stack name: String) throws -> [String] {
        let configs = try Self.configs(fixture: fixture, stack: name, use: "golden")
        guard !configs.isEmpty else { return ["\(fixture) refused"] }
        return stride(from: 0, to: configs.count, by: 2).map { index in
            "\(fixture) \(configs[index].service.name) \(configs[index].hash) \(configs[index + 1].hash)"
        }
    }

    /// Two configs per service of the loaded stack (none when it does not load): one plain, one with another
    /// image and its repo files, so the image ID and the repo-file map are pinned too.
    static func configs(fixture: String, stack name: String, use: String) throws -> [CanonicalConfig] {
        // A fixed checkout path: a bind of a folder the repo does not hold keeps its absolute path in the hash.
        let root = URL(fileURLWithPath: "/tmp/reconcile-corpus-hash-\(use)")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("hosts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("stacks"), withIntermediateDirectories: true)
        let host = "endpoint: unix:///var/run/docker.sock\ndata: /srv/reconcile\nstacks: [\(name)]\n"
        try Data(host.utf8).write(to: root.appendingPathComponent("hosts/lab.yaml"))
        try FileManager.default.copyItem(at: specFixtures.appendingPathComponent(fixture),
                                         to: root.appendingPathComponent("stacks/\(name)"))
        let result = RepositoryLoader.load(root: root.path, environment: environment)
        guard let stack = result.validStacks.first(where: { $0.name == name }) else { return [] }
        return stack.services.sorted { $0.name < $1.name }.flatMap { service in
            let repoFiles = Dictionary(service.volumes.compactMap(\.repoRelativeSource).map { ($0, "sha256:\($0.count)") },
                                       uniquingKeysWith: { first, _ in first })
            return [CanonicalConfig(service: service, imageID: "sha256:" + String(repeating: "1", count: 64), repoFiles: [:]),
                    CanonicalConfig(service: service, imageID: "sha256:" + String(repeating: "2", count: 64), repoFiles: repoFiles)]
        }
    }
}
