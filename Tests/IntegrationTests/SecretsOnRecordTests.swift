import Controller
import Docker
import Foundation
import Testing

/// Issue 17, point 1 on the lab: a value interpolated from `.env` into command, healthcheck and labels, and one read
/// from an env_file, reach the container but no byte of the state directory; the directory is the owner's only.
@Suite("Secrets on record", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct SecretsOnRecordTests {
    static let dotEnvSecret = "pw-dotenv-4f1c-secret-value"
    static let labelSecret = "tok-label-99ab-secret-value"
    static let envFileSecret = "key-envfile-07de-secret-value"

    func writeStack(_ repo: TestRepo, tier: String) throws {
        let folder = "stacks/\(repo.stack("vault"))"
        try repo.write("\(folder)/.env", "DB_PASSWORD=\(Self.dotEnvSecret)\nLABEL_TOKEN=\(Self.labelSecret)\n")
        try repo.write("\(folder)/app.env", "API_KEY=\(Self.envFileSecret)\n")
        try repo.writeStack("vault", """
        x-reconcile:
          hosts: [nas]
          health: {min_ready: 0s}
        services:
          app:
            image: lab/busybox:1
            command: ["sh", "-c", "echo connecting with ${DB_PASSWORD} >/dev/null; sleep 3600"]
            env_file: app.env
            labels:
              auth: "bearer ${LABEL_TOKEN}"
              tier: \(tier)
            healthcheck:
              test: ["CMD-SHELL", "test '${DB_PASSWORD}' = '${DB_PASSWORD}'"]
              interval: 1s
              retries: 3
        """)
    }

    @Test func interpolatedValuesReachTheContainerButNoRecord() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try writeStack(repo, tier: "one")
        try repo.commit("vault")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        try writeStack(repo, tier: "two")
        try repo.commit("tier two")
        let second = try await repo.cli(["apply"])
        #expect(second.status == 0, "\(second.output)")

        // The container runs with the real values.
        let inspect = try await repo.docker("nas").inspectContainer("\(repo.stack("vault"))-app-1")
        #expect(inspect.config.labels?["auth"] == "bearer \(Self.labelSecret)")
        #expect(inspect.config.cmd?.joined(separator: " ").contains(Self.dotEnvSecret) == true)
        #expect(inspect.config.env?.contains("API_KEY=\(Self.envFileSecret)") == true)

        // Reasons and history name what changed, never the values.
        let show = try await repo.cli(["history", "show", "2"])
        #expect(show.output.contains("label tier changed"), "\(show.output)")
        #expect(show.output.contains("redacted:hmac:"), "\(show.output)")
        let outputs = first.output + second.output + show.output
        for secret in [Self.dotEnvSecret, Self.labelSecret, Self.envFileSecret] {
            #expect(!outputs.contains(secret), "\(secret) shown")
        }
        #expect(StateDirectoryScan.files(containing: [Self.dotEnvSecret, Self.labelSecret, Self.envFileSecret],
                                         under: repo.state) == [])

        // Rolling back rebuilds the exact earlier container from fingerprints and the repo's current values.
        let rollback = try await repo.cli(["rollback", repo.stack("vault"), "--to", "1"])
        #expect(rollback.status == 0, "\(rollback.output)")
        let restored = try await repo.docker("nas").inspectContainer("\(repo.stack("vault"))-app-1")
        #expect(restored.config.labels?["tier"] == "one")
        #expect(restored.config.labels?["auth"] == "bearer \(Self.labelSecret)")
        #expect(restored.config.healthcheck?.test?.last == "test '\(Self.dotEnvSecret)' = '\(Self.dotEnvSecret)'")
    }

    @Test func stateDirectoryDatabaseAndKeyAreTheOwnersOnly() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try writeStack(repo, tier: "one")
        try repo.commit("vault")
        #expect(try await repo.cli(["apply"]).status == 0)
        #expect(try mode(repo.state) == 0o700)
        for file in ["reconcile.sqlite", "reconcile.sqlite-wal", "reconcile.sqlite-shm", "redaction.key"] {
            let path = repo.state.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: path.path) else {
                #expect(file.hasSuffix("-wal") || file.hasSuffix("-shm"), "\(file) missing")
                continue
            }
            #expect(try mode(path) == 0o600, "\(file)")
        }
        #expect(try Data(contentsOf: repo.state.appendingPathComponent("redaction.key")).count == 32)
    }

    func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }
}

/// Searches a state directory, byte for byte and recursively (the database, its WAL, everything), for values.
enum StateDirectoryScan {
    static func files(containing values: [String], under directory: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let url as URL in walker {
            guard let bytes = try? Data(contentsOf: url) else { continue }
            for value in values where bytes.range(of: Data(value.utf8)) != nil {
                found.append("\(url.lastPathComponent): \(value)")
            }
        }
        return found
    }
}
