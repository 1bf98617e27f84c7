import Foundation
import Spec
import Testing

/// Issue 15: `extends` within a file and from another file of the repository; what it cannot merge as
/// Compose would, and every bad reference, is an error at the value.
struct ExtendsTests {
    @Test(arguments: [
        ("    extends: base\n    gpus: [{driver: nvidia, count: 1}]", "10:5", "`web.gpus` is set here and in `base`, which it extends"),
        ("    extends: base\n    ports: \"81:81\"", "10:5", "`web.ports` here and `ports` in `base`, which it extends: forms Compose does not merge"),
        ("    extends: {service: bsae}", "9:24", "extends `bsae`, which is not a service of this file; did you mean `base`?"),
        ("    extends: {service: web}", "9:14", "`extends` of service `web` loops"),
        ("    extends: {service: base, file: ../../../outside.yaml}", "9:36", "lies outside the repository"),
        ("    extends: {service: base, file: missing.yaml}", "9:36", "`extends.file` `missing.yaml` does not exist (looked for `stacks/web/missing.yaml`)"),
        ("    extends: {service: bsae, file: ../../common/base.yaml}", "9:24", "extends `bsae`, which is not a service of `common/base.yaml`; did you mean `base`?"),
        ("    extends: {service: loop, file: ../../common/base.yaml}", "3:19", "`extends` of service `loop` loops: web → loop (common/base.yaml) → web"),
    ])
    func refusedAtTheValue(lines: String, position: String, message: String) throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("common/base.yaml", """
        services:
          base: {image: busybox:1, environment: [A=1]}
          loop: {extends: {service: web, file: ../stacks/web/compose.yaml}}
        """)
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          base:
            image: busybox:1
            gpus: [{driver: nvidia, count: 1}]
            environment: {A: "1"}
            ports: ["80:80"]
          web:
        \(lines)
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.contains(":\(position):") && $0.contains(message) }, "\(errors)")
        #expect(result.repository?.stack(named: "web") == nil)
    }

    /// A base outside the stack folder: its binds and `env_file` resolve against its own folder, as Compose
    /// resolves them; a bind there is repository content like any other, an interpolated value a secret.
    @Test func fileOutsideTheStackFolder() throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab + "data: /srv/reconcile\n"])
        defer { repo.remove() }
        try repo.write("common/conf/app.conf", "a=1\n")
        try repo.write("common/app.env", "FROM_FILE=yes\n")
        try repo.write("common/base.yaml", """
        services:
          app:
            image: busybox:1
            volumes: ["./conf/app.conf:/etc/app.conf", {type: bind, source: conf, target: /conf}]
            env_file: app.env
            environment: {TOKEN: "${TOKEN}"}
        """)
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          web:
            extends: {file: ../../common/base.yaml, service: app}
            volumes: ["./own:/own"]
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: ["TOKEN": "s3cret-token"])
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.renderedDiagnostics)")
        let stack = try #require(result.repository?.stack(named: "web"))
        let web = try #require(stack.services.first)
        #expect(web.volumes.map(\.target) == ["/etc/app.conf", "/conf", "/own"])
        #expect(web.volumes.map(\.repoRelativeSource) == ["common/conf/app.conf", "common/conf", nil])
        #expect(web.volumes.last?.hostData?.path == "web/own")
        #expect(web.environment["FROM_FILE"] == "yes")
        #expect(stack.secrets.contains("s3cret-token"))
    }
}
