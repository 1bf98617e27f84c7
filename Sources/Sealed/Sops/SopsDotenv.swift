import Basics

/// SOPS's dotenv layout: `KEY=value` lines (newlines in values written `\n`), metadata flattened into
/// `sops_age__list_0__map_recipient=…` keys.
enum SopsDotenv {
    static func read(_ bytes: [UInt8]) throws(SealedError) -> (SopsTree, SopsMetadata) {
        var entries: [SopsEntry] = []
        var flat: [String: String] = [:]
        for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { throw .malformed("line \(number + 1) has no `=`") }
            let key = String(line[..<equals])
            let value = String(line[line.index(after: equals)...]).replacingEvery("\\n", with: "\n")
            if key.hasPrefix("sops_") { flat[String(key.dropFirst(5))] = value } else {
                entries.append(SopsEntry(key: key, value: .scalar(.string(value))))
            }
        }
        return (.map(entries), metadata(flat))
    }

    /// Rebuilds what the flattened keys say: `age__list_N__map_enc`, `key_groups__list_G__map_age__list_N__map_…`.
    static func metadata(_ flat: [String: String]) -> SopsMetadata {
        var metadata = SopsMetadata()
        metadata.lastModified = flat["lastmodified"]
        metadata.mac = flat["mac"]
        metadata.macOnlyEncrypted = flat["mac_only_encrypted"] == "true"
        var ageEntries: [String: (recipient: String?, enc: String?)] = [:]
        var groups = Set<String>()
        for (key, value) in flat {
            let parts = key.split(separator: "__", omittingEmptySubsequences: false).map(String.init)
            if parts.first == "key_groups", parts.count > 1 { groups.insert(parts[1]) }
            guard let ageIndex = parts.firstIndex(where: { $0 == "age" || $0 == "map_age" }), ageIndex + 2 < parts.count else {
                if let type = parts.first, SopsMetadata.otherTypes.contains(type) { metadata.otherKeyTypes.append(type) }
                if parts.first == "key_groups", let type = parts.dropFirst(2).first.map({ $0.replacingEvery("map_", with: "") }),
                   SopsMetadata.otherTypes.contains(type) { metadata.otherKeyTypes.append(type) }
                continue
            }
            let id = parts[..<(ageIndex + 2)].joined(separator: "__")
            var entry = ageEntries[id] ?? (nil, nil)
            if parts[ageIndex + 2] == "map_recipient" { entry.recipient = value }
            if parts[ageIndex + 2] == "map_enc" { entry.enc = value }
            ageEntries[id] = entry
        }
        metadata.age = ageEntries.keys.sorted().compactMap { id in
            guard let enc = ageEntries[id]?.enc else { return nil }
            return (ageEntries[id]?.recipient ?? "?", enc)
        }
        metadata.otherKeyTypes = Array(Set(metadata.otherKeyTypes)).sorted()
        metadata.keyGroupCount = groups.count
        return metadata
    }
}
