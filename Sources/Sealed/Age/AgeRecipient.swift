import Basics
import Crypto

/// An age X25519 recipient: the public half, written `age1…`.
public struct AgeRecipient: Sendable, Hashable, CustomStringConvertible {
    let publicKey: [UInt8]

    init(publicKey: [UInt8]) {
        self.publicKey = publicKey
    }

    public init(parsing text: String) throws(SealedError) {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard let (hrp, data) = Bech32.decode(trimmed), hrp == "age", data.count == 32, trimmed == trimmed.lowercased() else {
            throw .malformed("`\(trimmed)` is not an age recipient (`age1…`, 62 characters)")
        }
        publicKey = data
    }

    /// `age1…`
    public var description: String { Bech32.encode(hrp: "age", data: publicKey) }

    /// A stanza that gives `fileKey` to this recipient only.
    func wrap(_ fileKey: [UInt8]) throws(SealedError) -> AgeStanza {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = Array(ephemeral.publicKey.rawRepresentation)
        let wrapKey = try X25519Wrap.key(secret: ephemeral, peer: publicKey, share: share, recipient: publicKey)
        do {
            let box = try ChaChaPoly.seal(fileKey, using: wrapKey, nonce: X25519Wrap.zeroNonce())
            return AgeStanza(type: "X25519", arguments: [Base64Raw.encode(share)], body: Array(box.ciphertext) + Array(box.tag))
        } catch {
            throw .malformed("wrapping the file key failed (\(error))")
        }
    }
}

/// The key derivation both sides of an X25519 stanza share.
enum X25519Wrap {
    static let label = Array("age-encryption.org/v1/X25519".utf8)

    static func zeroNonce() throws(SealedError) -> ChaChaPoly.Nonce {
        do { return try ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)) } catch {
            throw .malformed("nonce (\(error))")
        }
    }

    /// HKDF-SHA256 of the X25519 secret of `secret` and `peer`, salted with the ephemeral share and the recipient.
    static func key(secret: Curve25519.KeyAgreement.PrivateKey, peer: [UInt8], share: [UInt8],
                    recipient: [UInt8]) throws(SealedError) -> SymmetricKey {
        let shared: SharedSecret
        do {
            shared = try secret.sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: peer))
        } catch {
            throw .malformed("an X25519 share is not a curve point (\(error))")
        }
        let bytes = shared.withUnsafeBytes { Array($0) }
        // An all-zero secret means a low-order point: age refuses it.
        guard bytes.contains(where: { $0 != 0 }) else { throw .malformed("an X25519 share is a low-order point") }
        return HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: bytes), salt: share + recipient,
                                      info: label, outputByteCount: 32)
    }
}
