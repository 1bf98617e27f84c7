import Foundation
import Spec
import Testing

/// Every conformance fixture, loaded by reconcile and by the real `docker-compose config`, must agree field by field.
struct ConformanceTests {
    static let cases = ["basic", "volumes", "environment", "runtime", "anchors", "networks", "edge", "dollars", "coverage", "secrets", "extends", "extends-file", "include", "tuning"]

    /// The controlled environment both sides see.
    static let environment = ["FROM_PROC": "proc-value", "HOME": "/home/tester", "PATH": "/usr/bin:/bin"]

    @Test(arguments: cases)
    func matchesDockerCompose(name: String) throws {
        // Placed from the host file, so a fixture may be a compose file without `x-reconcile`.
        let repo = try TestRepository(hosts: ["lab": "endpoint: unix:///var/run/docker.sock\nstacks: [\(name)]\n"])
        defer { repo.remove() }
        let stackDirectory = try repo.addStack(name: name, fixture: "conformance/\(name)")

        let result = RepositoryLoader.load(root: repo.root.path, environment: Self.environment)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(result.renderedDiagnostics)")
        let stack = try #require(result.repository?.stack(named: name))

        var expected = try ComposeOracle.comparableConfig(directory: stackDirectory, environment: Self.environment)
        expected = ComposeOracle.fileObjectsAsMounts(expected, environment: Self.environment)
        expected["services"] = (expected["services"] as? [String: Any])?.mapValues(Self.repoContentReadOnly)
        let differences = JSONDiff.differences(expected, ComposeProjection.stack(stack))
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    /// reconcile's one deliberate departure: a bind of repo content (a relative source) is read-only unless the
    /// file says `rw` (none of the fixtures does), because changes would never flow back to git.
    static func repoContentReadOnly(_ service: Any) -> Any {
        guard var service = service as? [String: Any], let volumes = service["volumes"] as? [[String: Any]] else { return service }
        service["volumes"] = volumes.map { volume -> [String: Any] in
            var volume = volume
            if volume["type"] as? String == "bind", let source = volume["source"] as? String,
               source.contains("/reconcile-spec-") {
                volume["read_only"] = true
            }
            return volume
        }
        return service
    }
}
