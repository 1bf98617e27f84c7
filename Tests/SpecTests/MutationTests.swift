import Foundation
import Spec
import Testing

/// Truncated and corrupted variants of the conformance fixtures never crash the loader, and any error
/// means nothing is loaded.
struct MutationTests {
    @Test(arguments: ConformanceTests.cases)
    func truncatedAndCorruptedFilesFailCleanly(name: String) throws {
        let original = try String(contentsOf: try TestRepository.fixture("conformance/\(name)/compose.yaml"), encoding: .utf8)
        let bytes = Array(original.utf8)
        var variants: [[UInt8]] = stride(from: 1, to: bytes.count, by: 11).map { Array(bytes[..<$0]) }
        let replacements: [UInt8] = Array("\t:{[&*-\"'".utf8)
        for (index, offset) in stride(from: 3, to: bytes.count, by: 17).enumerated() {
            var corrupted = bytes
            corrupted[offset] = replacements[index % replacements.count]
            variants.append(corrupted)
        }
        let repo = try TestRepository(hosts: ["lab": "endpoint: unix:///var/run/docker.sock\n"])
        defer { repo.remove() }
        try repo.addStack(name: name, fixture: "conformance/\(name)")
        var failures = 0
        for variant in variants {
            try Data(variant).write(to: repo.root.appendingPathComponent("stacks/\(name)/compose.yaml"))
            let result = RepositoryLoader.load(root: repo.root.path, environment: ConformanceTests.environment)
            if result.hasErrors {
                failures += 1
                #expect(result.repository?.stack(named: name) == nil, "nothing of a broken stack is applied")
                #expect(result.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
            }
        }
        #expect(failures > variants.count / 4)
    }
}
