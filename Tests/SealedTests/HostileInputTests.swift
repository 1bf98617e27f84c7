import Foundation
import Sealed
import Testing

/// Malformed and hostile files are errors, never crashes or hangs.
@Suite struct SealedHostileInputTests {
    static let identity = AgeIdentity.generate()

    static let ageInputs: [String] = [
        "age-encryption.org/v1\n",
        "age-encryption.org/v1\n-> X25519\n\n--- \n",
        "age-encryption.org/v1\n-> X25519 AAAA\nAAAA\n--- AAAA\n",
        "age-encryption.org/v1\n" + String(repeating: "-> X25519 " + String(repeating: "A", count: 43) + "\n" + String(repeating: "A", count: 43) + "\n", count: 5000),
        "age-encryption.org/v1\n-> scrypt c2FsdA 18\n" + String(repeating: "A", count: 43) + "\n--- " + String(repeating: "A", count: 43) + "\n",
        "-----BEGIN AGE ENCRYPTED FILE-----\n!!!!\n-----END AGE ENCRYPTED FILE-----\n",
        "-----BEGIN AGE ENCRYPTED FILE-----\n",
        "age-encryption.org/v1\n-> X25519 İİİ\n\n--- \n",
    ]

    @Test(arguments: ageInputs)
    func malformedAgeFilesThrow(text: String) {
        #expect(throws: SealedError.self) { try AgeFile.decrypt(Array(text.utf8), identities: [Self.identity]) }
    }

    @Test func scryptFilesAreRefusedNamingTheType() {
        let text = "age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 18\n" + String(repeating: "A", count: 43)
            + "\n--- " + String(repeating: "A", count: 43) + "\n"
        #expect(throws: SealedError.unsupportedRecipient("scrypt")) {
            try AgeFile.decrypt(Array(text.utf8), identities: [Self.identity])
        }
    }

    static let sopsInputs: [String] = [
        "A=ENC[AES256_GCM,data:!!,iv:x,tag:y,type:str]\nsops_mac=x\nsops_version=3\n",
        "A=1\nsops_mac=ENC[AES256_GCM,data:AA==,iv:AAAAAAAAAAAAAAAA,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]\nsops_version=3\n",
        "a: 1\nsops: {mac: x, age: [{recipient: age1x, enc: garbage}], lastmodified: now}\n",
        "{\"a\": \"ENC[AES256_GCM,data:AA==]\", \"sops\": {\"mac\": \"x\", \"age\": []}}",
        "a: b\nsops: {mac: x, kms: [{arn: a}], hc_vault: [{vault_address: v}]}\n",
    ]

    @Test(arguments: sopsInputs)
    func malformedSopsFilesThrow(text: String) throws {
        let format = try #require(SopsFile.detect(Array(text.utf8)))
        #expect(throws: SealedError.self) { try SopsFile.decrypt(Array(text.utf8), format: format, identities: [Self.identity]) }
    }

    @Test func bech32RejectsNonASCIIAndWrongChecksums() {
        for text in ["age1İİİİİİİİ", "AGE-SECRET-KEY-1İ", "age1qqqqqq", "age1" + String(repeating: "q", count: 58)] {
            #expect(throws: SealedError.self) { try AgeRecipient(parsing: text) }
            #expect(throws: SealedError.self) { try AgeIdentity(parsing: text) }
        }
    }
}
