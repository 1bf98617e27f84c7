import Basics
import YAML

/// One item of a service's `secrets:` / `configs:`.
struct FileObjectReference {
    var name: String
    var nameMark: SourceLocation
    var target: String?
    var mode: Int?
    /// The owner `uid`/`gid` asks for (nil: root).
    var uid: Int?
    var gid: Int?
    /// Where `uid`, `gid` or `mode` is written, if any is.
    var ownershipMark: SourceLocation?
}

extension ServiceDecoder {
    /// A service's `secrets:` / `configs:` (short `- name` and long `{source, target, uid, gid, mode}` forms):
    /// `file` sources become the read-only binds Compose gives a plain container (repository files ride as repo
    /// content); `environment`/`content` sources become files copied in before start, as Compose does.
    func fileObjectMounts(_ node: YAMLNode, kind: FileObjectKind, injected: inout [InjectedFile]) -> [VolumeMount] {
        guard let items = reader.sequence(node, "`\(kind.key)`") else { return [] }
        let defined = kind == .secret ? context.secrets : context.configs
        var mounts: [VolumeMount] = []
        for item in items {
            guard let reference = reference(item, kind: kind) else { continue }
            guard let object = defined[reference.name] else {
                if !context.failedFileObjects.contains("\(kind.key)/\(reference.name)") {
                    let hint = EditDistance.hint(for: reference.name, among: Set(defined.keys))
                    sink.error(reference.nameMark, "\(kind.rawValue) `\(reference.name)` is not defined in top-level "
                                   + "`\(kind.key)`\(hint)")
                }
                continue
            }
            let path = Self.cleanTarget(kind.mountTarget(name: reference.name, target: reference.target))
            switch object {
            case .value(let content):
                // As Compose: the copied file belongs to `uid`/`gid` (root when unset); its folders to root.
                injected.append(InjectedFile(name: "\(kind.rawValue):\(reference.name)", target: path,
                                             mode: reference.mode ?? 0o444, uid: reference.uid, gid: reference.gid,
                                             content: content))
            case .file(let source, let repoRelativeSource):
                if let mark = reference.ownershipMark {
                    // Compose says the same, and binds the file with its own owner and mode.
                    sink.warning(mark, "\(kind.key) `uid`, `gid` and `mode` are not applied to a `file` source outside "
                                     + "Swarm; the file keeps the repository's owner and mode")
                }
                var mount = VolumeMount(type: .bind, source: source, target: path, readOnly: true)
                mount.repoRelativeSource = repoRelativeSource
                if kind == .secret { mount.isSecret = true }
                mount.bind = VolumeMount.BindOptions(createHostPath: true)
                mounts.append(mount)
            }
        }
        return mounts
    }

    /// The item's fields; nil after an error.
    private func reference(_ item: YAMLNode, kind: FileObjectKind) -> FileObjectReference? {
        guard let pairs = item.mapping else {
            guard let name = reader.string(item, "each item of `\(kind.key)`") else { return nil }
            return FileObjectReference(name: name, nameMark: item.mark)
        }
        var reference = FileObjectReference(name: "", nameMark: item.mark)
        var named = false
        let known: Set<String> = ["source", "target", "uid", "gid", "mode"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "an item of `\(kind.key)`") {
            switch key {
            case "source":
                guard let name = reader.string(pair.value, "`source`") else { return nil }
                (reference.name, reference.nameMark, named) = (name, pair.value.mark, true)
            case "target": reference.target = reader.string(pair.value, "`target`")
            case "mode":
                reference.ownershipMark = reference.ownershipMark ?? pair.key.mark
                reference.mode = fileMode(pair.value)
            default:
                reference.ownershipMark = reference.ownershipMark ?? pair.key.mark
                guard let id = ownerID(pair.value, key) else { return nil }
                if key == "uid" { reference.uid = id } else { reference.gid = id }
            }
        }
        guard named else {
            sink.error(item.mark, "an item of `\(kind.key)` needs `source:` naming a top-level \(kind.rawValue)")
            return nil
        }
        return reference
    }

    /// `uid`/`gid`: a numeric id (Compose takes it as a string, `"1000"`, or a number); names are not looked up.
    private func ownerID(_ node: YAMLNode, _ key: String) -> Int? {
        guard let text = node.scalar?.value, let id = Int(text), id >= 0, id <= Int(UInt32.max - 1) else {
            sink.error(node.mark, "`\(key): \(node.scalar?.value ?? node.kindDescription)` is not a numeric id; write "
                           + "the number, e.g. `\(key): \"1000\"` (names are not looked up)")
            return nil
        }
        return id
    }

    /// `mode` as Compose reads it: octal when written with a leading 0 (`0440`, `0o440`), else decimal.
    private func fileMode(_ node: YAMLNode) -> Int? {
        guard let text = node.scalar?.value else { return reader.int(node, "`mode`") }
        let digits = text.hasPrefix("0o") ? String(text.dropFirst(2)) : text
        if text.hasPrefix("0"), let value = Int(digits, radix: 8), value <= 0o7777 { return value }
        if let value = Int(text), value >= 0, value <= 0o7777 { return value }
        sink.error(node.mark, "`mode: \(text)` is not a file mode; write it in octal, e.g. `0440`")
        return nil
    }
}
