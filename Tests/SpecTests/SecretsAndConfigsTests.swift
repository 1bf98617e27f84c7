import Foundation
import Spec
import Testing

/// Issue 15: top-level `secrets`/`configs` with `file` sources become the read-only binds Compose gives a plain
/// container, as repository content (shipped, content-hashed); bad sources are errors at their position.
struct SecretsAndConfigsTests {
    func load(_ compose: String, files: [String: String] = [:]) throws -> (LoadResult, TestRepository) {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        try repo.write("stacks/web/compose.yaml", compose)
        for (path, text) in files { try repo.write(path, text) }
        return (RepositoryLoader.load(root: repo.root.path, environment: [:]), repo)
    }

    func errors(_ result: LoadResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func fileSourcesAreRepoContentMountedWhereComposeMountsThem() throws {
        let (result, repo) = try load("""
        x-reconcile: {hosts: nas}
        services:
          db:
            image: postgres:16
            secrets: [{source: pw, target: db, mode: 0400}]
            configs: [conf]
        secrets:
          pw: {file: ./pw.txt}
        configs:
          conf: {file: ../../shared/app.conf}
        """, files: ["stacks/web/pw.txt": "hunter2\n", "shared/app.conf": "a=1\n"])
        defer { repo.remove() }
        #expect(errors(result).isEmpty, "\(result.renderedDiagnostics)")
        let db = try #require(result.repository?.stack(named: "web")?.service(named: "db"))
        #expect(db.volumes.map(\.target) == ["/run/secrets/db", "/conf"])
        #expect(db.volumes.map(\.repoRelativeSource) == ["stacks/web/pw.txt", "shared/app.conf"])
        #expect(db.volumes.allSatisfy { $0.type == .bind && $0.readOnly })
        #expect(db.volumes.map(\.isSecret) == [true, nil])
        let warning = result.diagnostics.first { $0.severity == .warning }
        #expect(warning?.message.contains("`uid`, `gid` and `mode` are not applied to a `file` source outside Swarm") == true)
        #expect(warning?.location.line == 5)
    }

    @Test func environmentAndContentSourcesAreCopiedInWithTheirValuesTreatedAsSecrets() throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          db:
            image: postgres:16
            secrets: [{source: pw, mode: 0400}]
            configs: [{source: motd, target: /etc/motd}]
        secrets:
          pw: {environment: DB_PASSWORD}
        configs:
          motd: {content: "hello"}
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: ["DB_PASSWORD": "s3cr3t-value"])
        #expect(errors(result).isEmpty, "\(result.renderedDiagnostics)")
        let stack = try #require(result.repository?.stack(named: "web"))
        let db = try #require(stack.service(named: "db"))
        #expect(db.volumes.isEmpty)
        #expect(db.injectedFiles == [InjectedFile(name: "secret:pw", target: "/run/secrets/pw", mode: 0o400, content: "s3cr3t-value"),
                                     InjectedFile(name: "config:motd", target: "/etc/motd", mode: 0o444, content: "hello")])
        #expect(stack.secrets.isSuperset(of: ["s3cr3t-value", "hello"]))
        // The value is left out of the encoding, hence out of the hash and of history.
        let encoded = String(decoding: try JSONEncoder().encode(db), as: UTF8.self)
        #expect(!encoded.contains("s3cr3t-value") && encoded.contains("secret:pw"))
    }

    /// `uid`/`gid` own the copied file (numeric, as Compose takes them); anything else is an error at the value.
    @Test func ownersOfCopiedFiles() throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        let compose = { (gid: String) in """
        x-reconcile: {hosts: nas}
        services:
          db:
            image: postgres:16
            secrets: [{source: pw, uid: "999", gid: \(gid), mode: 0440}]
        secrets:
          pw: {content: "x"}
        """ }
        try repo.write("stacks/web/compose.yaml", compose("\"1001\""))
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(errors(result).isEmpty, "\(result.renderedDiagnostics)")
        let db = try #require(result.repository?.stack(named: "web")?.service(named: "db"))
        #expect(db.injectedFiles == [InjectedFile(name: "secret:pw", target: "/run/secrets/pw", mode: 0o440, uid: 999, gid: 1001, content: "x")])

        try repo.write("stacks/web/compose.yaml", compose("postgres"))
        let named = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(errors(named).contains { $0.contains(":5:45:") && $0.contains("`gid: postgres` is not a numeric id") },
                "\(named.renderedDiagnostics)")
    }

    @Test(arguments: [
        ("secrets:\n  pw: {file: ./missing.txt}", "12:14", "file `./missing.txt` does not exist"),
        ("secrets:\n  pw: {file: ../../../outside.txt}", "12:14", "lies outside the repository"),
        ("secrets:\n  pw: {external: true}", "12:8", "`external` secrets exist only in Swarm"),
        ("secrets:\n  pw: {name: x}", "12:3", "has no source"),
        ("secrets:\n  other: {file: ./pw.txt}", "8:15", "secret `pw` is not defined in top-level `secrets`"),
        ("secrets:\n  pw: {environment: NOT_SET_ANYWHERE}", "12:21", "variable `NOT_SET_ANYWHERE` is not set"),
    ])
    func badSourcesAreErrorsAtTheirPosition(topLevel: String, position: String, message: String) throws {
        let (result, repo) = try load("""
        x-reconcile: {hosts: nas}
        services:
          db:
            image: postgres:16
            volumes: [./pw.txt:/x]
          other:
            image: busybox:1
            secrets: [pw]
        configs:
          c: {file: ./pw.txt}
        \(topLevel)
        """, files: ["stacks/web/pw.txt": "hunter2\n"])
        defer { repo.remove() }
        let found = errors(result)
        #expect(found.contains { $0.contains(":\(position):") && $0.contains(message) }, "\(found)")
        #expect(result.repository?.stack(named: "web") == nil)
    }
}
