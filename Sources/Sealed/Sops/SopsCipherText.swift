import Crypto
import FoundationEssentials

/// One SOPS value in its encrypted form: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]`.
struct SopsCipherText: Sendable, Hashable {
    var data: [UInt8]
    var iv: [UInt8]
    var tag: [UInt8]
    /// `str`, `int`, `float`, `bool`, `bytes` or `comment`.
    var type: String

    static func looksEncrypted(_ text: String) -> Bool {
        text.hasPrefix("ENC[") && text.hasSuffix("]")
    }

    init(parsing text: String) throws(SealedError) {
        guard Self.looksEncrypted(text) else { throw .malformed("a value is not `ENC[…]`") }
        let inner = text.dropFirst(4).dropLast()
        var fields: [String: String] = [:]
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
        guard let cipher = parts.first, cipher == "AES256_GCM" else {
            throw .malformed("a value uses cipher `\(parts.first ?? "")`; SOPS files reconcile reads use AES256_GCM")
        }
        for part in parts.dropFirst() {
            guard let colon = part.firstIndex(of: ":") else { throw .malformed("a value field `\(part)` has no `:`") }
            fields[String(part[..<colon])] = String(part[part.index(after: colon)...])
        }
        guard let data = fields["data"].flatMap({ Data(base64Encoded: $0) }),
              let iv = fields["iv"].flatMap({ Data(base64Encoded: $0) }), iv.count >= 12,
              let tag = fields["tag"].flatMap({ Data(base64Encoded: $0) }), tag.count == 16,
              let type = fields["type"] else {
            throw .malformed("a value lacks base64 `data`, `iv`, `tag` or a `type`")
        }
        (self.data, self.iv, self.tag, self.type) = (Array(data), Array(iv), Array(tag), type)
    }

    /// The plaintext bytes; `additionalData` is the value's key path (`a:b:`) or, for the MAC, `lastmodified`.
    func open(key: SymmetricKey, additionalData: String) throws(SealedError) -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: iv), ciphertext: data, tag: tag)
            return Array(try AES.GCM.open(box, using: key, authenticating: Array(additionalData.utf8)))
        } catch {
            throw .tampered("the value at `\(additionalData)`")
        }
    }

    /// `plaintext` sealed under `key` with a fresh 32-byte IV, as SOPS writes values.
    static func seal(_ plaintext: [UInt8], type: String, key: SymmetricKey, additionalData: String) throws(SealedError) -> String {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(data: AgePayload.randomBytes(32)),
                                       authenticating: Array(additionalData.utf8))
            let b64 = { (bytes: [UInt8]) in Data(bytes).base64EncodedString() }
            return "ENC[AES256_GCM,data:\(b64(Array(box.ciphertext))),iv:\(b64(Array(box.nonce))),tag:\(b64(Array(box.tag))),type:\(type)]"
        } catch {
            throw .malformed("sealing a value failed (\(error))")
        }
    }
}
