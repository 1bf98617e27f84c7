import Crypto

/// Walks a SOPS tree in document order: decrypts each `ENC[…]` with its key path as additional data, and hashes
/// every value for the MAC as SOPS does (comments and the metadata excluded).
struct SopsDecryptor {
    let key: SymmetricKey
    let macOnlyEncrypted: Bool
    var hash = SHA512()
    /// Every value that was encrypted, in document order (the secrets).
    var secrets: [String] = []

    init(key: SymmetricKey, macOnlyEncrypted: Bool) {
        self.key = key
        self.macOnlyEncrypted = macOnlyEncrypted
    }

    mutating func decrypt(_ tree: SopsTree, path: [String] = []) throws(SealedError) -> SopsTree {
        switch tree {
        case .map(let entries):
            var out: [SopsEntry] = []
            for entry in entries { out.append(SopsEntry(key: entry.key, value: try decrypt(entry.value, path: path + [entry.key]))) }
            return .map(out)
        case .list(let items):
            var out: [SopsTree] = []
            for item in items { out.append(try decrypt(item, path: path)) }
            return .list(out)
        case .scalar(.string(let text)) where SopsCipherText.looksEncrypted(text):
            let cipher = try SopsCipherText(parsing: text)
            let plain = try cipher.open(key: key, additionalData: path.map { $0 + ":" }.joined())
            if cipher.type == "comment" { return .scalar(.string("")) }
            hash.update(data: plain)
            let value = SopsScalar.decrypted(plain, type: cipher.type)
            secrets.append(value.text)
            return .scalar(value)
        case .scalar(let scalar):
            if !macOnlyEncrypted { hash.update(data: scalar.macBytes) }
            return tree
        }
    }
}
