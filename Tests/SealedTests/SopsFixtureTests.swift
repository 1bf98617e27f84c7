import Foundation
import Sealed
import Testing

/// SOPS documents as real `sops` wrote them (fixtures with their source in Fixtures/sops/SOURCE).
@Suite struct SopsFixtureTests {
    static func fluxKeys() throws -> [AgeIdentity] {
        try AgeKeyFile.parse(try Fixture.text("flux-age.key"))
    }

    @Test func sopsOwnAgeFixtureOpensToItsPublishedPlaintext() throws {
        let identities = try AgeKeyFile.parse(try Fixture.text("sops-mock.key"))
        let plaintext = try AgeFile.decrypt(try Fixture.bytes("sops-mock-encrypted-key.age"), identities: identities)
        #expect(String(decoding: plaintext, as: UTF8.self) == "data")
    }

    @Test(arguments: [("flux-algorithms-age.yaml", SopsFile.Format.yaml), ("flux-algorithms-age.json", .json)])
    func yamlAndJSONDocumentsDecryptAfterTheirMACVerifies(name: String, format: SopsFile.Format) throws {
        let bytes = try Fixture.bytes(name)
        #expect(SopsFile.detect(bytes) == format)
        let document = try SopsFile.decrypt(bytes, format: format, identities: try Self.fluxKeys())
        #expect(document.secrets == ["value"])
        let plain = try JSONSerialization.jsonObject(with: Data(document.plaintext)) as? [String: Any]
        #expect((plain?["stringData"] as? [String: String])?["key"] == "value")
        #expect((plain?["metadata"] as? [String: String])?["name"] == "age")
        #expect(plain?["sops"] == nil)
    }

    @Test func anOlderSopsVersionsYAMLDecrypts() throws {
        let bytes = try Fixture.bytes("flux-secret.age.yaml")
        let document = try SopsFile.decrypt(bytes, format: .yaml, identities: try Self.fluxKeys())
        #expect(document.secrets.count == 1)
        #expect(document.secrets.first?.count == 18)
    }

    @Test func aDotenvDecryptsToItsVariables() throws {
        let bytes = try Fixture.bytes("flux-component-env.env")
        #expect(SopsFile.detect(bytes) == .dotenv)
        let document = try SopsFile.decrypt(bytes, format: .dotenv, identities: try Self.fluxKeys())
        #expect(document.entries.map(\.key) == ["key"])
        #expect(document.entries.map(\.value) == ["value"])
        #expect(String(decoding: document.plaintext, as: UTF8.self) == "key=value\n")
    }

    /// Tampering outside SOPS: a clear value changed or added only the MAC can catch; a renamed key changes the
    /// value's additional data, so its own tag fails first.
    @Test(arguments: [
        ("flux-algorithms-age.yaml", "  name: age\n", "  name: agf\n", SealedError.macMismatch),
        ("flux-algorithms-age.yaml", "apiVersion: v1\n", "apiVersion: v2\n", .macMismatch),
        ("flux-algorithms-age.json", "\"name\": \"age\"", "\"name\": \"age\", \"extra\": \"1\"", .macMismatch),
        ("flux-component-env.env", "key=ENC", "kez=ENC", .tampered("the value at `kez:`")),
    ])
    func tamperedCopiesFail(name: String, original: String, replacement: String, expected: SealedError) throws {
        let text = try Fixture.text(name)
        #expect(text.contains(original))
        let tampered = Array(text.replacingOccurrences(of: original, with: replacement).utf8)
        let format = try #require(SopsFile.detect(tampered))
        #expect(throws: expected) { try SopsFile.decrypt(tampered, format: format, identities: try Self.fluxKeys()) }
    }

    @Test func aChangedMACFailsEvenWhenTheValuesAreIntact() throws {
        let text = try Fixture.text("flux-algorithms-age.yaml")
        let tampered = text.replacingOccurrences(of: "lastmodified: \"2024-11-12T13:33:42Z\"", with: "lastmodified: \"2024-11-12T13:33:43Z\"")
        #expect(tampered != text)
        #expect(throws: SealedError.self) { try SopsFile.decrypt(Array(tampered.utf8), format: .yaml, identities: try Self.fluxKeys()) }
    }

    @Test func aValueMovedToAnotherKeyFailsItsTag() throws {
        let text = try Fixture.text("flux-secret.age.yaml")
        let tampered = text.replacingOccurrences(of: "    secret: ENC", with: "    other: ENC")
        #expect(throws: SealedError.tampered("the value at `stringData:other:`")) {
            try SopsFile.decrypt(Array(tampered.utf8), format: .yaml, identities: try Self.fluxKeys())
        }
    }

    @Test func pgpOnlyFilesAreRefusedNamingTheType() throws {
        #expect(throws: SealedError.unsupportedKeyType(["pgp"])) {
            try SopsFile.decrypt(try Fixture.bytes("flux-secret.pgp.yaml"), format: .yaml, identities: try Self.fluxKeys())
        }
    }

    @Test func theWrongKeyNamesTheRecipientsTheFileHas() throws {
        let stranger = AgeIdentity.generate()
        #expect(throws: SealedError.noMatchingIdentity(recipients: ["age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29"],
                                                       keys: [stranger.recipient.description])) {
            try SopsFile.decrypt(try Fixture.bytes("flux-component-env.env"), format: .dotenv, identities: [stranger])
        }
    }
}
