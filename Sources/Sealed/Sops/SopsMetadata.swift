import Crypto
import FoundationEssentials

/// The `sops` block: who holds the data key, and the MAC that covers the values.
struct SopsMetadata: Sendable {
    /// `(recipient, armoured age file of the data key)` of every age entry (top level and key groups).
    var age: [(recipient: String, enc: String)] = []
    /// Other key types present with at least one key (`pgp`, `kms`, …): named when there is no age key.
    var otherKeyTypes: [String] = []
    var lastModified: String?
    var mac: String?
    var macOnlyEncrypted = false
    /// Key groups beyond one split the data key (Shamir): not supported.
    var keyGroupCount = 0

    static let otherTypes = ["pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms"]

    /// The 32-byte data key, from the first age entry one of `identities` opens.
    func dataKey(identities: [AgeIdentity]) throws(SealedError) -> SymmetricKey {
        guard keyGroupCount <= 1 else {
            throw .unsupportedKeyType(["Shamir key groups (\(keyGroupCount))"])
        }
        if age.isEmpty {
            throw otherKeyTypes.isEmpty ? .malformed("the `sops` block names no key") : .unsupportedKeyType(otherKeyTypes)
        }
        for entry in age {
            let key: [UInt8]
            do throws(SealedError) { key = try AgeFile.decrypt(Array(entry.enc.utf8), identities: identities) } catch {
                if case .noMatchingIdentity = error { continue }
                throw error
            }
            guard key.count == 32 else { throw .malformed("the data key is not 32 bytes") }
            return SymmetricKey(data: key)
        }
        throw .noMatchingIdentity(recipients: age.map(\.recipient), keys: identities.map(\.recipient.description))
    }

    /// Checks the MAC (SHA-512 over the values, itself encrypted with `lastmodified` as additional data).
    func verify(hash: SHA512.Digest, key: SymmetricKey) throws(SealedError) {
        guard let mac, let lastModified else { throw .malformed("the `sops` block has no `mac` or `lastmodified`") }
        let expected = try SopsCipherText(parsing: mac).open(key: key, additionalData: lastModified)
        let computed = hash.map { String($0, radix: 16, uppercase: true).leftPadded(2) }.joined()
        guard String(decoding: expected, as: UTF8.self).uppercased() == computed else { throw .macMismatch }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
