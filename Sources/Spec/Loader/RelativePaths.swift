import YAML

/// A service taken from another file (`extends.file`, `include`) keeps its relative paths pointing where that
/// file meant them: Compose resolves them against that file's folder (`docker compose config` shows the bind
/// sources and `env_file`s there). They are rewritten relative to the stack's folder, so the service decoder
/// resolves them as written and every later rule (repository content, host data) applies to the real place.
enum RelativePaths {
    static func rebased(service: YAMLNode, from origin: String, to folder: String) -> YAMLNode {
        guard origin != folder, let pairs = service.mapping else { return service }
        let move = { (path: String) in relativePath(StackContext.normalize(origin + "/" + path), from: folder) }
        let rebasedPairs = pairs.map { pair -> YAMLPair in
            switch pair.key.scalar?.value {
            case "volumes": return YAMLPair(key: pair.key, value: map(pair.value) { rebasedVolume($0, move) })
            case "env_file": return YAMLPair(key: pair.key, value: map(pair.value) { rebasedEnvFile($0, move) })
            case "extends" where pair.value.mapping != nil:
                return YAMLPair(key: pair.key, value: replacing("file", in: pair.value, pair.value.mapping ?? []) {
                    isRelative($0) ? move($0) : nil
                })
            default: return pair
            }
        }
        return YAMLNode(content: .mapping(rebasedPairs), mark: service.mark, tag: service.tag)
    }

    /// A top-level secret or config whose `file` is relative.
    static func rebased(fileObject: YAMLNode, from origin: String, to folder: String) -> YAMLNode {
        guard origin != folder, let pairs = fileObject.mapping else { return fileObject }
        return replacing("file", in: fileObject, pairs) {
            isRelative($0) ? relativePath(StackContext.normalize(origin + "/" + $0), from: folder) : nil
        }
    }

    /// A relative path on the host side: Compose's test for a short volume source (`.`), any other non-absolute
    /// path where a path is the only reading (a long bind's `source`, an `env_file`).
    private static func isRelative(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix("~")
    }

    private static func rebasedVolume(_ item: YAMLNode, _ move: (String) -> String) -> YAMLNode {
        if let pairs = item.mapping {
            guard item["type"]?.scalar?.value == "bind" else { return item }
            return replacing("source", in: item, pairs) { isRelative($0) ? move($0) : nil }
        }
        guard let text = item.scalar?.value, text.hasPrefix("."), let colon = text.firstIndex(of: ":") else { return item }
        return retext(item, move(String(text[..<colon])) + text[colon...])
    }

    private static func rebasedEnvFile(_ item: YAMLNode, _ move: (String) -> String) -> YAMLNode {
        if let pairs = item.mapping {
            return replacing("path", in: item, pairs) { isRelative($0) ? move($0) : nil }
        }
        guard let text = item.scalar?.value, !item.isNull, isRelative(text) else { return item }
        return retext(item, move(text))
    }

    /// Each item of a list, or the value itself when it is not a list.
    private static func map(_ node: YAMLNode, _ transform: (YAMLNode) -> YAMLNode) -> YAMLNode {
        guard let items = node.sequence else { return transform(node) }
        return YAMLNode(content: .sequence(items.map(transform)), mark: node.mark, tag: node.tag)
    }

    private static func replacing(_ key: String, in item: YAMLNode, _ pairs: [YAMLPair],
                                  _ transform: (String) -> String?) -> YAMLNode {
        let replaced = pairs.map { pair -> YAMLPair in
            guard pair.key.scalar?.value == key, let text = pair.value.scalar?.value,
                  let moved = transform(text) else { return pair }
            return YAMLPair(key: pair.key, value: retext(pair.value, moved))
        }
        return YAMLNode(content: .mapping(replaced), mark: item.mark, tag: item.tag)
    }

    private static func retext(_ node: YAMLNode, _ text: String) -> YAMLNode {
        YAMLNode(content: .scalar(YAMLScalar(text, style: .doubleQuoted)), mark: node.mark, tag: "tag:yaml.org,2002:str")
    }

    /// `absolute` written relative to `folder` (both normalized), starting with `./` or `../` as a bind source must.
    static func relativePath(_ absolute: String, from folder: String) -> String {
        let target = absolute.split(separator: "/"), base = folder.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        let rest = target[common...].map(String.init)
        if ups.isEmpty { return (["."] + rest).joined(separator: "/") }
        return (ups + rest).joined(separator: "/")
    }
}
