import Crypto
import FoundationEssentials
import YAML

/// Reads SOPS files (dotenv, YAML, JSON) whose data key is under age recipients. The MAC is verified before any
/// value is returned.
public enum SopsFile {
    public enum Format: String, Sendable {
        case dotenv, yaml, json
    }

    /// The format when `bytes` are a SOPS file: a dotenv with `sops_mac=`, or a YAML/JSON mapping with a `sops` block.
    public static func detect(_ bytes: [UInt8]) -> Format? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline)
        if lines.contains(where: { $0.hasPrefix("sops_mac=") }) && lines.contains(where: { $0.hasPrefix("sops_version=") || $0.hasPrefix("sops_lastmodified=") }) {
            return .dotenv
        }
        guard text.contains("sops"), let root = try? YAMLParser.parse(bytes: bytes, file: "sops"),
              let block = root["sops"], block.mapping != nil, block["mac"] != nil else { return nil }
        return text.drop { $0.isWhitespace }.first == "{" ? .json : .yaml
    }

    /// The decrypted document.
    public static func decrypt(_ bytes: [UInt8], format: Format, identities: [AgeIdentity]) throws(SealedError) -> SopsDocument {
        let (tree, metadata) = format == .dotenv ? try SopsDotenv.read(bytes) : try SopsYAMLReader.read(bytes)
        let key = try metadata.dataKey(identities: identities)
        var decryptor = SopsDecryptor(key: key, macOnlyEncrypted: metadata.macOnlyEncrypted)
        let plain = try decryptor.decrypt(tree)
        try metadata.verify(hash: decryptor.hash.finalize(), key: key)
        return SopsDocument(format: format, tree: plain, secrets: decryptor.secrets)
    }
}

/// A decrypted SOPS file: its values, and the plaintext a program reading the original format would see.
public struct SopsDocument: Sendable {
    public let format: SopsFile.Format
    let tree: SopsTree
    /// The values that were encrypted.
    public let secrets: [String]

    /// Top-level `key = value` pairs in file order (a dotenv's variables; a YAML/JSON's scalar top-level keys).
    public var entries: [(key: String, value: String)] {
        guard case .map(let items) = tree else { return [] }
        return items.compactMap { item in
            if case .scalar(let scalar) = item.value { return (item.key, scalar.text) }
            return nil
        }
    }

    /// The plaintext file: `KEY=value` lines for a dotenv, JSON for YAML and JSON (YAML reads JSON as it is).
    public var plaintext: [UInt8] {
        switch format {
        case .dotenv: return Array(entries.map { "\($0.key)=\($0.value)\n" }.joined().utf8)
        case .yaml, .json: return Array((SopsJSONWriter.write(tree) + "\n").utf8)
        }
    }
}
