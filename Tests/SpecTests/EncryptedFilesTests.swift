import Foundation
import Sealed
import Spec
import Testing

/// Issue 22: an encrypted `.env` or `env_file` loads like a plain one, with every value a secret; a file that
/// does not open is an error naming it, and only its stack is left out.
struct EncryptedFilesTests {
    struct Keys {
        let identity = AgeIdentity.generate()
        let folder: URL
        var keys: AgeKeys { AgeKeys(path: folder.appendingPathComponent("age.key").path) }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try AgeKeyFile.create(keys.path, identity: identity)
        }

        func seal(_ text: String, armored: Bool = true) throws -> String {
            String(decoding: try AgeFile.encrypt(Array(text.utf8), to: [identity.recipient], armored: armored), as: UTF8.self)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    func repository(_ keys: Keys) throws -> TestRepository {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          db:
            image: postgres:16
            environment: {POSTGRES_PASSWORD: "${DB_PASSWORD}"}
          app:
            image: nginx:1
            env_file: app.env
        """)
        try repo.write("stacks/web/.env", try keys.seal("DB_PASSWORD=hunter2-db\nUNUSED=quiet-value\n"))
        try repo.write("stacks/web/app.env", try keys.seal("API_TOKEN=tok-123\n"))
        try repo.write("stacks/other/compose.yaml", "x-reconcile: {hosts: nas}\nservices:\n  web: {image: nginx:1}\n")
        return repo
    }

    @Test func encryptedDotEnvAndEnvFileFeedTheServicesAndAreSecrets() throws {
        let keys = try Keys()
        defer { keys.remove() }
        let repo = try repository(keys)
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: keys.keys)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.renderedDiagnostics)")
        let stack = try #require(result.repository?.stack(named: "web"))
        #expect(stack.service(named: "db")?.environment["POSTGRES_PASSWORD"] == "hunter2-db")
        #expect(stack.service(named: "app")?.environment["API_TOKEN"] == "tok-123")
        // Every value of an encrypted file is a secret, used or not, whatever its name.
        #expect(stack.secrets.isSuperset(of: ["hunter2-db", "quiet-value", "tok-123"]))
        #expect(stack.service(named: "db")?.secretEnvironment == ["POSTGRES_PASSWORD"])
        #expect(stack.service(named: "app")?.secretEnvironment == ["API_TOKEN"])
    }

    @Test func theKeyFileFromTheEnvironmentIsUsedWhenNoneIsGiven() throws {
        let keys = try Keys()
        defer { keys.remove() }
        let repo = try repository(keys)
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: ["RECONCILE_AGE_KEY_FILE": keys.keys.path])
        #expect(result.repository?.stack(named: "web")?.service(named: "app")?.environment["API_TOKEN"] == "tok-123")
    }

    @Test func aFileTheKeyCannotOpenNamesTheFileAndLeavesOnlyItsStackOut() throws {
        let keys = try Keys(), stranger = try Keys()
        defer { keys.remove(); stranger.remove() }
        let repo = try repository(keys)
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: stranger.keys)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location.file).sorted() == ["stacks/web/.env"])
        #expect(errors.first?.message.contains("no key at hand opens it") == true)
        #expect(result.validStacks.map(\.name) == ["other"])
        #expect(result.repository?.stacks.map(\.name) == ["other"], "the other stack goes on")
        #expect(result.repository?.heldStacks.keys.sorted() == ["web"])
        // No plaintext in any message.
        #expect(!result.renderedDiagnostics.contains("hunter2"))
    }

    @Test func withoutAnyKeyTheErrorSaysHowToGiveOne() throws {
        let keys = try Keys()
        defer { keys.remove() }
        let repo = try repository(keys)
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(result.diagnostics.contains { $0.message.contains("--age-key-file") })
        #expect(result.repository?.heldStacks.keys.sorted() == ["web"])
        #expect(result.repository?.stack(named: "web") == nil)
    }

    @Test func aCorruptedFileIsAnErrorNotAPlainFile() throws {
        let keys = try Keys()
        defer { keys.remove() }
        let repo = try repository(keys)
        defer { repo.remove() }
        var sealed = try AgeFile.encrypt(Array("API_TOKEN=tok-123\n".utf8), to: [keys.identity.recipient], armored: false)
        sealed[sealed.count - 2] ^= 0x40
        try Data(sealed).write(to: repo.root.appendingPathComponent("stacks/web/app.env"))
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: keys.keys)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location.file == "stacks/web/app.env")
        #expect(error.message.contains("does not verify"))
    }

    /// A SOPS dotenv as sops wrote it (Flux's fixture) as the stack's `.env` and as an `env_file`.
    @Test func aSopsDotenvFeedsInterpolationAndEnvFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyPath = folder.appendingPathComponent("age.key").path
        try FileManager.default.copyItem(atPath: try TestRepository.fixture("sops/flux-age.key").path, toPath: keyPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyPath)
        let sops = try String(contentsOf: try TestRepository.fixture("sops/flux-component-env.env"), encoding: .utf8)
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          db: {image: postgres:16, environment: {FROM_DOTENV: "${key}"}}
          app: {image: nginx:1, env_file: keys.env}
        """)
        try repo.write("stacks/web/.env", sops)
        try repo.write("stacks/web/keys.env", sops)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: AgeKeys(path: keyPath))
        let stack = try #require(result.repository?.stack(named: "web"), "\(result.renderedDiagnostics)")
        #expect(stack.service(named: "db")?.environment["FROM_DOTENV"] == "value")
        #expect(stack.service(named: "app")?.environment == ["key": "value"])
        #expect(stack.service(named: "app")?.secretEnvironment == ["key"])
        // A tampered copy fails its MAC, and the error names the file.
        try repo.write("stacks/web/keys.env", sops.replacingOccurrences(of: "sops_lastmodified=2024-11-12T13:33:42Z",
                                                                        with: "sops_lastmodified=2024-11-12T13:33:43Z"))
        let tampered = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: AgeKeys(path: keyPath))
        #expect(tampered.diagnostics.first { $0.severity == .error }?.location.file == "stacks/web/keys.env")
    }

    @Test func aParseErrorInADecryptedFileQuotesNothingOfIt() throws {
        let keys = try Keys()
        defer { keys.remove() }
        let repo = try repository(keys)
        defer { repo.remove() }
        try repo.write("stacks/web/app.env", try keys.seal("API_TOKEN=ok\nhunter2 leak\n"))
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: keys.keys)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location.file == "stacks/web/app.env" && error.location.line == 2)
        #expect(!result.renderedDiagnostics.contains("hunter2"), "\(result.renderedDiagnostics)")
    }

    @Test func anEncryptedSecretFileSourceIsCopiedInDecrypted() throws {
        let keys = try Keys(), stranger = try Keys()
        defer { keys.remove(); stranger.remove() }
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          db: {image: postgres:16, secrets: [pw]}
        secrets:
          pw: {file: ./pw.age}
        """)
        try repo.write("stacks/web/pw.age", try keys.seal("hunter2\n"))
        let loaded = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: keys.keys)
        let db = try #require(loaded.repository?.stack(named: "web")?.service(named: "db"), "\(loaded.renderedDiagnostics)")
        // Copied in decrypted like a `content:` source, never through a volume; its content is a secret.
        #expect(db.volumes.isEmpty)
        #expect(db.injectedFiles?.map(\.target) == ["/run/secrets/pw"])
        #expect(db.injectedFiles?.map(\.content) == ["hunter2\n"])
        #expect(loaded.repository?.stack(named: "web")?.secrets.contains("hunter2\n") == true)
        let refused = RepositoryLoader.load(root: repo.root.path, environment: [:], ageKeys: stranger.keys)
        #expect(refused.diagnostics.first { $0.severity == .error }?.location.file == "stacks/web/pw.age")
    }
}
