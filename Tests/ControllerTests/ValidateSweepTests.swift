import Controller
import Foundation
import Logging
import Sealed
import Testing

/// Issue 22: `reconcile validate` opens every encrypted file of the repository, used by a stack or not.
struct ValidateSweepTests {
    struct Setup {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)")
        let owner = AgeIdentity.generate()

        func write(_ path: String, _ bytes: [UInt8]) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }

        func controller(key: AgeIdentity) throws -> Controller {
            let keyPath = root.appendingPathComponent("keys/age.key").path
            try? FileManager.default.removeItem(atPath: keyPath)
            try FileManager.default.createDirectory(atPath: root.appendingPathComponent("keys").path, withIntermediateDirectories: true)
            try AgeKeyFile.create(keyPath, identity: key)
            var settings = ControllerSettings(repository: root, stateDirectory: root.appendingPathComponent("state"),
                                              environment: [:])
            settings.ageKeyFile = keyPath
            return try Controller(settings: settings, logger: Logger(label: "test"))
        }
    }

    @Test func anUnusedEncryptedFileThatDoesNotOpenFailsValidationNamingIt() throws {
        let setup = Setup()
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try setup.write("hosts/nas.yaml", Array("endpoint: unix:///run/none.sock\n".utf8))
        try setup.write("stacks/web/compose.yaml", Array("x-reconcile: {hosts: [nas]}\nservices:\n  web: {image: nginx:1}\n".utf8))
        try setup.write("stacks/web/later/db.env", try AgeFile.encrypt(Array("PW=x\n".utf8), to: [setup.owner.recipient], armored: true))

        let stranger = try setup.controller(key: AgeIdentity.generate())
        #expect(stranger.load().hasErrors == false)
        let checked = stranger.validate()
        #expect(checked.repository == nil)
        #expect(checked.diagnostics.map(\.location.file) == ["stacks/web/later/db.env"])
        #expect(checked.diagnostics.first?.message.contains("no key at hand opens it") == true)

        #expect(try setup.controller(key: setup.owner).validate().hasErrors == false)
    }
}
