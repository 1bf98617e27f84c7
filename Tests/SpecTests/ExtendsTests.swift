import Foundation
import Spec
import Testing

/// Issue 15: `extends` within a file; what it cannot merge as Compose would is an error at the key.
struct ExtendsTests {
    @Test(arguments: [
        ("    extends: base\n    ports: [{target: 81}]", "8:5", "`web.ports` is set here and in `base`, which it extends"),
        ("    extends: {service: bsae}", "7:14", "extends `bsae`, which is not a service of this file; did you mean `base`?"),
        ("    extends: {service: web}", "7:14", "`extends` of service `web` loops"),
        ("    extends: {service: base, file: other.yaml}", "7:30", "`extends.file` is not supported yet"),
    ])
    func refusedAtTheKey(lines: String, position: String, message: String) throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          base:
            image: busybox:1
            ports: ["80:80"]
          web:
        \(lines)
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.contains(":\(position):") && $0.contains(message) }, "\(errors)")
        #expect(result.repository?.stack(named: "web") == nil)
    }
}
