import Basics
import YAML

/// SOPS's YAML and JSON layouts (JSON is read as the YAML it also is): the data tree, and the `sops` mapping.
enum SopsYAMLReader {
    static func read(_ bytes: [UInt8]) throws(SealedError) -> (SopsTree, SopsMetadata) {
        let parsed: YAMLNode?
        do { parsed = try YAMLParser.parse(bytes: bytes, file: "sops") } catch {
            throw .malformed("line \(error.mark.line): \(error.message)")
        }
        guard let root = parsed, let pairs = root.mapping, let block = root["sops"] else {
            throw .malformed("there is no top-level `sops` block")
        }
        var entries: [SopsEntry] = []
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { throw .malformed("line \(pair.key.mark.line): a key is not a scalar") }
            if key == "sops" { continue }
            entries.append(SopsEntry(key: key, value: try tree(pair.value)))
        }
        return (.map(entries), metadata(block))
    }

    static func tree(_ node: YAMLNode) throws(SealedError) -> SopsTree {
        if let pairs = node.mapping {
            var entries: [SopsEntry] = []
            for pair in pairs {
                guard let key = pair.key.scalar?.value else { throw .malformed("line \(pair.key.mark.line): a key is not a scalar") }
                entries.append(SopsEntry(key: key, value: try tree(pair.value)))
            }
            return .map(entries)
        }
        if let items = node.sequence {
            var out: [SopsTree] = []
            for item in items { out.append(try tree(item)) }
            return .list(out)
        }
        switch node.resolved {
        case .string(let text): return .scalar(.string(text))
        case .bool(let value): return .scalar(.bool(value))
        case .int(let value): return .scalar(.int(String(value)))
        case .uint(let value): return .scalar(.int(String(value)))
        case .float(let value): return .scalar(.float(GoFloatText.plain(value)))
        case .null, nil: return .scalar(.null)
        }
    }

    static func metadata(_ block: YAMLNode) -> SopsMetadata {
        var metadata = SopsMetadata()
        metadata.lastModified = block["lastmodified"]?.scalar?.value
        metadata.mac = block["mac"]?.scalar?.value
        metadata.macOnlyEncrypted = block["mac_only_encrypted"]?.resolved == .bool(true)
        addKeys(from: block, to: &metadata)
        let groups = block["key_groups"]?.sequence ?? []
        for group in groups { addKeys(from: group, to: &metadata) }
        metadata.keyGroupCount = groups.count
        metadata.otherKeyTypes = Array(Set(metadata.otherKeyTypes)).sorted()
        return metadata
    }

    private static func addKeys(from node: YAMLNode, to metadata: inout SopsMetadata) {
        for entry in node["age"]?.sequence ?? [] {
            guard let enc = entry["enc"]?.scalar?.value else { continue }
            metadata.age.append((entry["recipient"]?.scalar?.value ?? "?", enc))
        }
        for type in SopsMetadata.otherTypes where !(node[type]?.sequence ?? []).isEmpty {
            metadata.otherKeyTypes.append(type)
        }
    }
}
