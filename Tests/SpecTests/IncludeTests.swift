import Foundation
import Spec
import Testing

/// Issue 15: top-level `include`; every bad path, a conflict and a loop are errors at the value.
struct IncludeTests {
    @Test(arguments: [
        ("  - ../../../outside.yaml", "common/db.yaml", "3:5", "`include` path `../../../outside.yaml` lies outside the repository"),
        ("  - missing.yaml", "common/db.yaml", "3:5", "`include` path `missing.yaml` does not exist (looked for `stacks/web/missing.yaml`)"),
        ("  - {path: ../../common/db.yaml, env_fle: x.env}", "common/db.yaml", "3:34", "unknown key `env_fle` in `include`; did you mean `env_file`?"),
        ("  - {path: ../../common/db.yaml, env_file: nope.env}", "common/db.yaml", "3:44", "`include.env_file` `nope.env` does not exist"),
        ("  - ../../common/web.yaml", "common/web.yaml", "2:3", "`services.web` is defined here and at stacks/web/compose.yaml:5:3"),
        ("  - ../../common/loop.yaml", "common/loop.yaml", "1:11", "`include` loops: stacks/web/compose.yaml → common/loop.yaml → stacks/web/compose.yaml"),
    ])
    func refusedAtTheValue(item: String, file: String, position: String, message: String) throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("common/db.yaml", "services:\n  db: {image: postgres:16}\n")
        try repo.write("common/web.yaml", "services:\n  web: {image: nginx:1}\n")
        try repo.write("common/loop.yaml", "include: [../stacks/web/compose.yaml]\nservices:\n  x: {image: busybox:1}\n")
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        include:
        \(item)
        services:
          web:
            image: busybox:1
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let errors = result.diagnostics.filter { $0.severity == .error }
        let expectedFile = message.contains("loops") || message.contains("defined here") ? file : "stacks/web/compose.yaml"
        #expect(errors.contains { $0.description.contains("\(expectedFile):\(position):") && $0.description.contains(message) },
                "\(errors.map(\.description))")
        #expect(result.repository?.stack(named: "web") == nil)
    }

    /// A file outside the stack folder: its paths resolve against its own folder, its `.env` and the stack's
    /// variables interpolate it (the stack's win), and what it substitutes is kept out of history.
    @Test func fileOutsideTheStackFolder() throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("common/db/pg.conf", "shared_buffers=1\n")
        try repo.write("common/db/.env", "PG=15\nPASSWORD=from-common\n")
        try repo.write("common/db/password.txt", "hunter2\n")
        try repo.write("common/db/compose.yaml", """
        services:
          db:
            image: postgres:${PG}
            volumes: ["./pg.conf:/etc/pg.conf"]
            environment: {POSTGRES_PASSWORD: "${PASSWORD}"}
            secrets: [pw]
        secrets:
          pw: {file: password.txt}
        """)
        try repo.write("stacks/web/.env", "PG=16\n")
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        include: [../../common/db/compose.yaml]
        services:
          web: {image: busybox:1, depends_on: [db]}
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.renderedDiagnostics)")
        let stack = try #require(result.repository?.stack(named: "web"))
        let db = try #require(stack.services.first { $0.name == "db" })
        #expect(db.image == "postgres:16")
        // The secret's `file` too resolves beside the included file.
        #expect(db.volumes.map(\.repoRelativeSource) == ["common/db/pg.conf", "common/db/password.txt"])
        #expect(db.environment["POSTGRES_PASSWORD"] == "from-common")
        #expect(stack.secrets.contains("from-common"))
        #expect(stack.services.map(\.name).sorted() == ["db", "web"])
    }

    /// As Compose: a resource both files declare alike (an external network) is one; declared otherwise, a conflict.
    @Test func sameDefinitionTwiceIsOne() throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("common/db.yaml", """
        services:
          db: {image: postgres:16, networks: [proxy]}
        networks:
          proxy: {name: proxy, external: true}
        """)
        let compose = { (proxy: String) in """
        x-reconcile: {hosts: nas}
        include: [../../common/db.yaml]
        services:
          web: {image: busybox:1, networks: [proxy]}
        networks:
          proxy: \(proxy)
        """ }
        try repo.write("stacks/web/compose.yaml", compose("{external: true, name: proxy}"))
        let same = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(same.repository?.stack(named: "web")?.networks["proxy"] != nil, "\(same.renderedDiagnostics)")
        try repo.write("stacks/web/compose.yaml", compose("{external: true, name: other}"))
        let other = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(other.diagnostics.contains { $0.description.contains("common/db.yaml:4:3:") && $0.message.contains("`networks.proxy` is defined here") },
                "\(other.renderedDiagnostics)")
    }

    /// An included file is read like the compose file: one linked to a file outside the repository is not read.
    @Test func symlinkLeavingTheRepositoryIsNotRead() throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-outside-\(UUID().uuidString).yaml")
        try Data("services:\n  leak: {image: busybox:1}\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("common"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repo.root.appendingPathComponent("common/linked.yaml").path,
                                                   withDestinationPath: outside.path)
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        include: [../../common/linked.yaml]
        services:
          web: {image: busybox:1}
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.hasPrefix("common/linked.yaml") && $0.contains("outside the repository; it is not read") }, "\(errors)")
        // Reported while `web` was loading, so `web` is held even though the file is outside its folder.
        #expect(result.repository?.heldStacks.keys.sorted() == ["web"])
        #expect(result.repository?.stacks.isEmpty == true)
    }
}
