/// Encrypts and decrypts whole age files (binary or armoured) in memory.
public enum AgeFile {
    static let magic = Array((AgeHeader.versionLine + "\n").utf8)

    /// True when `bytes` look like an age file: the binary header or the armour.
    public static func isAge(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: magic) || AgeArmor.isArmored(bytes)
    }

    /// The plaintext of `bytes`, opened with the first identity that unwraps the file key.
    public static func decrypt(_ bytes: [UInt8], identities: [AgeIdentity]) throws(SealedError) -> [UInt8] {
        let binary = AgeArmor.isArmored(bytes) ? try AgeArmor.decode(bytes) : bytes
        let header = try AgeHeader.parse(binary)
        if let other = header.stanzas.first(where: { $0.type != "X25519" }), !header.stanzas.contains(where: { $0.type == "X25519" }) {
            throw .unsupportedRecipient(other.type)
        }
        for stanza in header.stanzas where stanza.type == "X25519" {
            for identity in identities {
                guard let fileKey = try identity.unwrap(stanza) else { continue }
                guard fileKey.count == 16 else { throw .malformed("the file key is not 16 bytes") }
                guard header.verifies(with: fileKey) else { throw .tampered("the header MAC") }
                return try AgePayload.open(binary[header.payloadOffset...], fileKey: fileKey)
            }
        }
        throw .noMatchingIdentity(recipients: [], keys: identities.map(\.recipient.description))
    }

    /// `plaintext` encrypted to every recipient, armoured or binary.
    public static func encrypt(_ plaintext: [UInt8], to recipients: [AgeRecipient], armored: Bool) throws(SealedError) -> [UInt8] {
        guard !recipients.isEmpty else { throw .malformed("no recipient to encrypt to") }
        let fileKey = AgePayload.randomBytes(16)
        var stanzas: [AgeStanza] = []
        for recipient in recipients { stanzas.append(try recipient.wrap(fileKey)) }
        let binary = AgeHeader.encode(stanzas, fileKey: fileKey) + (try AgePayload.seal(plaintext, fileKey: fileKey))
        return armored ? AgeArmor.encode(binary) : binary
    }
}
