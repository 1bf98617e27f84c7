import Foundation
import Spec
import Testing

/// Real compose files as their projects publish them (`Fixtures/corpus/<project>/`, each with a `SOURCE`),
/// loaded **unchanged** with placement and a data root in `hosts/`; what reconcile accepts must match
/// `docker-compose config` field by field, and every refusal must be the one `Fixtures/corpus.expected` names.
struct CorpusTests {
    static let projects: [String] = {
        guard let url = try? TestRepository.fixture("corpus"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// `project: accepted` or `project: refused: <part of the first error>`, one a line.
    static let expected: [String: String] = {
        guard let url = try? TestRepository.fixture("corpus.expected"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }()

    static let environment = ["HOME": "/home/tester", "PATH": "/usr/bin:/bin"]

    @Test func corpusIsLargeAndSourced() throws {
        #expect(Self.projects.count >= 20)
        for project in Self.projects {
            let source = try String(contentsOf: try TestRepository.fixture("corpus/\(project)/SOURCE"), encoding: .utf8)
            #expect(source.contains("repository: ") && source.contains("commit: "), "\(project)/SOURCE names no repository and commit")
            #expect(Self.expected[project] != nil, "corpus.expected says nothing about \(project)")
        }
    }

    @Test(arguments: projects)
    func loadsAsPublished(project: String) throws {
        let repo = try TestRepository(hosts: [
            "lab": "endpoint: unix:///var/run/docker.sock\ndata: /srv/reconcile\nstacks: [\(project)]\n",
        ])
        defer { repo.remove() }
        let directory = try repo.addStack(name: project, fixture: "corpus/\(project)")
        let result = RepositoryLoader.load(root: repo.root.path, environment: Self.environment)
        let errors = result.diagnostics.filter { $0.severity == .error }
        let mounts = result.validStacks.flatMap(\.services).flatMap(\.volumes)
        let kinds = "\(mounts.filter { $0.hostData != nil }.count) host data, \(mounts.filter { $0.repoRelativeSource != nil }.count) repo content"
        let verdict = errors.first.map { "refused: \($0.location): \($0.message)" } ?? "accepted (\(kinds))"
        print("corpus \(project): \(verdict)")
        let expectation = try #require(Self.expected[project], "corpus.expected says nothing about \(project)")
        if expectation == "accepted" {
            #expect(errors.isEmpty, "\(project) should load unchanged:\n\(result.renderedDiagnostics)")
            let stack = try #require(result.repository?.stack(named: project))
            try compareWithCompose(stack, directory: directory)
        } else {
            #expect(errors.count >= 1 && expectation.hasPrefix("refused: "))
            #expect(errors.contains { $0.message.contains(expectation.dropFirst("refused: ".count)) },
                    "\(project): expected \(expectation)\ngot:\n\(result.renderedDiagnostics)")
            // A refusal always names a position and says what to do.
            #expect(errors.allSatisfy { $0.location.line >= 1 && $0.location.file.hasPrefix("stacks/\(project)/") })
        }
    }

    /// What both accept must agree, with reconcile's one departure: repo content is mounted read-only.
    private func compareWithCompose(_ stack: StackSpec, directory: URL) throws {
        var expected = try ComposeOracle.comparableConfig(directory: directory, environment: Self.environment)
        let written = try String(contentsOf: directory.appendingPathComponent(stack.file.split(separator: "/").last.map(String.init) ?? ""),
                                 encoding: .utf8)
        expected["services"] = (expected["services"] as? [String: Any])?.mapValues { Self.repoContentReadOnly($0, written: written) }
        let differences = JSONDiff.differences(expected, ComposeProjection.stack(stack))
        #expect(differences.isEmpty, "\(stack.name):\n\(differences.joined(separator: "\n"))")
    }

    /// Binds whose source is in the repository are repo content, read-only unless the file says `rw`.
    static func repoContentReadOnly(_ service: Any, written: String) -> Any {
        guard var service = service as? [String: Any], let volumes = service["volumes"] as? [[String: Any]] else { return service }
        service["volumes"] = volumes.map { volume -> [String: Any] in
            var volume = volume
            if volume["type"] as? String == "bind", let source = volume["source"] as? String,
               source.contains("/reconcile-spec-"), FileManager.default.fileExists(atPath: source),
               let target = volume["target"] as? String, !written.contains("\(target):rw") {
                volume["read_only"] = true
            }
            return volume
        }
        return service
    }
}
