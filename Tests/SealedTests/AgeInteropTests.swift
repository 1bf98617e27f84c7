import Foundation
import Sealed
import Testing

/// age files made by the real `age` CLI open here, and files made here open with `age -d`.
@Suite struct AgeInteropTests {
    /// Over one 64 KiB chunk, so the STREAM counter and last-chunk flag are exercised.
    static let large = Data((0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })

    @Test(arguments: [false, true])
    func filesFromAgeWithSeveralRecipientsOpenWithEachKey(armored: Bool) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let first = try AgeCLI.keygen(in: folder.url, name: "one.key")
        let second = try AgeCLI.keygen(in: folder.url, name: "two.key")
        let third = try AgeCLI.keygen(in: folder.url, name: "three.key")
        for plaintext in [Data("DB_PASSWORD=hunter2\n".utf8), Data(), Self.large] {
            let sealed = try AgeCLI.run("age", (armored ? ["-a"] : []) + ["-e", "-r", first.recipient, "-r", second.recipient, "-r", third.recipient],
                                        input: plaintext)
            #expect(AgeFile.isAge(Array(sealed)))
            for key in [first, second, third] {
                let opened = try AgeFile.decrypt(Array(sealed), identities: try AgeKeyFile.load(key.path))
                #expect(opened == Array(plaintext))
            }
        }
    }

    @Test(arguments: [false, true])
    func filesMadeHereOpenWithAge(armored: Bool) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let first = try AgeCLI.keygen(in: folder.url, name: "one.key")
        let mine = AgeIdentity.generate()
        let minePath = folder.url.appendingPathComponent("mine.key").path
        try AgeKeyFile.create(minePath, identity: mine)
        for plaintext in [Data("token: abc\n".utf8), Self.large] {
            let sealed = try AgeFile.encrypt(Array(plaintext), to: [try AgeRecipient(parsing: first.recipient), mine.recipient],
                                             armored: armored)
            #expect(String(decoding: sealed.prefix(5), as: UTF8.self) == (armored ? "-----" : "age-e"))
            #expect(try AgeCLI.run("age", ["-d", "-i", first.path], input: Data(sealed)) == plaintext)
            // The identity file written here is one age-keygen's reader accepts.
            #expect(try AgeCLI.run("age", ["-d", "-i", minePath], input: Data(sealed)) == plaintext)
        }
    }

    @Test func theWrongKeyNamesWhatTheKeyFileHolds() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let owner = try AgeCLI.keygen(in: folder.url, name: "owner.key")
        let stranger = try AgeCLI.keygen(in: folder.url, name: "stranger.key")
        let sealed = try AgeCLI.run("age", ["-e", "-r", owner.recipient], input: Data("x".utf8))
        #expect(throws: SealedError.noMatchingIdentity(recipients: [], keys: [stranger.recipient])) {
            try AgeFile.decrypt(Array(sealed), identities: try AgeKeyFile.load(stranger.path))
        }
    }

    @Test func changedBytesFailTheHeaderMACOrThePayloadTag() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let key = try AgeCLI.keygen(in: folder.url, name: "k.key")
        let sealed = Array(try AgeCLI.run("age", ["-e", "-r", key.recipient], input: Data("secret value".utf8)))
        let identities = try AgeKeyFile.load(key.path)
        var payload = sealed
        payload[payload.count - 3] ^= 0x01
        #expect(throws: SealedError.tampered("payload chunk 1")) { try AgeFile.decrypt(payload, identities: identities) }
        var truncated = sealed
        truncated.removeLast(17)
        #expect(throws: SealedError.self) { try AgeFile.decrypt(truncated, identities: identities) }
        // The MAC line: change its first base64 character.
        let macStart = try #require(findSubsequence(Array("--- ".utf8), in: sealed)) + 4
        var header = sealed
        header[macStart] = header[macStart] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: SealedError.self) { try AgeFile.decrypt(header, identities: identities) }
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let key = try AgeCLI.keygen(in: folder.url, name: "open.key")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        do {
            _ = try AgeKeyFile.load(key.path)
            Issue.record("a 0644 key file was accepted")
        } catch {
            #expect("\(error)".contains("chmod 600"))
        }
        let missing = folder.url.appendingPathComponent("none.key").path
        #expect(throws: SealedError.self) { try AgeKeyFile.load(missing) }
    }

    @Test func recipientsAndIdentitiesRoundTripThroughBech32() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let key = try AgeCLI.keygen(in: folder.url, name: "k.key")
        let identity = try #require(try AgeKeyFile.load(key.path).first)
        #expect(identity.recipient.description == key.recipient)
        #expect(try AgeRecipient(parsing: key.recipient).description == key.recipient)
        // One character changed breaks the checksum.
        let changed = key.recipient.dropLast() + (key.recipient.hasSuffix("q") ? "p" : "q")
        #expect(throws: SealedError.self) { try AgeRecipient(parsing: String(changed)) }
    }

    private func findSubsequence(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
