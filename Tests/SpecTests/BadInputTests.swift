import Basics
import Foundation
import Spec
import Testing

/// Every fixture under `Fixtures/bad` names its expected `line:col: message` in a `# expect:` header; loading
/// it must report exactly that position and message, and must not load the stack at all.
struct BadInputTests {
    static let cases = fixtureNames("bad")
    static let hostCases = fixtureNames("bad-hosts")

    static func fixtureNames(_ folder: String) -> [String] {
        guard let url = try? TestRepository.fixture(folder),
              let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test func corpusIsPresent() {
        #expect(Self.cases.count >= 25)
        #expect(Self.hostCases.count >= 12)
    }

    @Test(arguments: hostCases)
    func reportsPositionedHostError(name: String) throws {
        let source = try String(contentsOf: try TestRepository.fixture("bad-hosts/\(name).yaml"), encoding: .utf8)
        let expectation = try #require(Expectation(header: source), "fixture \(name) has no `# expect:` header")
        let repo = try TestRepository(hosts: ["lab": "endpoint: unix:///var/run/docker.sock\n", name: source])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: [lab]}\nservices:\n  s: {image: busybox}\n")

        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])

        #expect(result.repository == nil)
        let location = Basics.SourceLocation(file: "hosts/\(name).yaml", line: expectation.line, column: expectation.column)
        let match = result.diagnostics.first { $0.location == location && $0.message.contains(expectation.message) }
        #expect(match != nil, "expected \(location): \(expectation.message)\ngot:\n\(result.renderedDiagnostics)")
    }

    @Test(arguments: cases)
    func reportsPositionedError(name: String) throws {
        let source = try String(contentsOf: try TestRepository.fixture("bad/\(name).yaml"), encoding: .utf8)
        let expectation = try #require(Expectation(header: source), "fixture \(name) has no `# expect:` header")
        let repo = try TestRepository(hosts: ["lab": "endpoint: unix:///var/run/docker.sock\n"])
        defer { repo.remove() }
        try repo.write("stacks/\(name)/compose.yaml", source)

        let result = RepositoryLoader.load(root: repo.root.path, environment: ["HOME": "/home/tester"])

        // Every error is the stack's own: it is held, nothing of it is applied.
        #expect(result.repository?.heldStacks[name]?.isEmpty == false, "\(result.renderedDiagnostics)")
        #expect(result.repository?.stack(named: name) == nil)
        #expect(result.hasErrors)
        #expect(!result.validStacks.contains { $0.name == name })
        let file = "stacks/\(name)/compose.yaml"
        let match = result.diagnostics.first {
            $0.severity == .error && $0.location == Basics.SourceLocation(file: file, line: expectation.line, column: expectation.column)
                && $0.message.contains(expectation.message)
        }
        #expect(match != nil, "expected \(file):\(expectation.line):\(expectation.column): \(expectation.message)\ngot:\n\(result.renderedDiagnostics)")
        if let match {
            #expect(match.rendered.hasPrefix("\(file):\(expectation.line):\(expectation.column): error: "))
            #expect(match.rendered.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
        }
    }

    /// The `# expect: LINE:COL: message` header of a fixture.
    struct Expectation {
        var line: Int
        var column: Int
        var message: String

        init?(header: String) {
            guard let first = header.split(separator: "\n").first, first.hasPrefix("# expect: ") else { return nil }
            let parts = first.dropFirst(10).split(separator: ":", maxSplits: 2)
            guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]) else { return nil }
            self.line = line
            self.column = column
            message = String(parts[2].dropFirst())
        }
    }
}
