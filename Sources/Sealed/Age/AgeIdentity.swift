import Basics
import Crypto

/// An age X25519 identity: the secret half, written `AGE-SECRET-KEY-1…`.
public struct AgeIdentity: Sendable {
    let secret: Curve25519.KeyAgreement.PrivateKey

    /// Parses one `AGE-SECRET-KEY-1…` string.
    public init(parsing text: String) throws(SealedError) {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard let (hrp, data) = Bech32.decode(trimmed), hrp == "age-secret-key-", data.count == 32,
              trimmed == trimmed.uppercased() else {
            throw .malformed("a line is not an age identity (`AGE-SECRET-KEY-1…`)")
        }
        do { secret = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data) } catch {
            throw .malformed("an age identity is not an X25519 key (\(error))")
        }
    }

    private init(secret: Curve25519.KeyAgreement.PrivateKey) {
        self.secret = secret
    }

    /// A fresh random identity.
    public static func generate() -> AgeIdentity {
        AgeIdentity(secret: Curve25519.KeyAgreement.PrivateKey())
    }

    /// `AGE-SECRET-KEY-1…`, the line an identity file holds.
    public var encoded: String {
        Bech32.encode(hrp: "age-secret-key-", data: Array(secret.rawRepresentation)).uppercased()
    }

    public var recipient: AgeRecipient {
        AgeRecipient(publicKey: Array(secret.publicKey.rawRepresentation))
    }

    /// The file key from an X25519 stanza meant for this identity; nil when it is for someone else.
    func unwrap(_ stanza: AgeStanza) throws(SealedError) -> [UInt8]? {
        guard stanza.arguments.count == 1, let share = Base64Raw.decode(stanza.arguments[0]), share.count == 32 else {
            throw .malformed("an X25519 stanza needs one 32-byte share")
        }
        guard stanza.body.count == 32 else { throw .malformed("an X25519 stanza body is not 32 bytes") }
        let mine = Array(secret.publicKey.rawRepresentation)
        let key = try X25519Wrap.key(secret: secret, peer: share, share: share, recipient: mine)
        do {
            let box = try ChaChaPoly.SealedBox(nonce: X25519Wrap.zeroNonce(), ciphertext: stanza.body.prefix(16),
                                               tag: stanza.body.suffix(16))
            return Array(try ChaChaPoly.open(box, using: key))
        } catch {
            return nil
        }
    }
}
