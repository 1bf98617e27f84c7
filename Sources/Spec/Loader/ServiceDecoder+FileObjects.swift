import YAML

extension ServiceDecoder {
    /// A service's `secrets:` / `configs:` (short `- name` and long `{source, target, uid, gid, mode}` forms) as
    /// the read-only bind mounts Compose gives a plain container; repository files ride as repo content.
    func fileObjectMounts(_ node: YAMLNode, kind: FileObjectKind) -> [VolumeMount] {
        guard let items = reader.sequence(node, "`\(kind.key)`") else { return [] }
        let defined = kind == .secret ? context.secrets : context.configs
        var mounts: [VolumeMount] = []
        for item in items {
            guard let (name, target, nameMark) = reference(item, kind: kind) else { continue }
            guard let object = defined[name] else {
                if !context.failedFileObjects.contains("\(kind.key)/\(name)") {
                    let hint = EditDistance.hint(for: name, among: Set(defined.keys))
                    sink.error(nameMark, "\(kind.rawValue) `\(name)` is not defined in top-level `\(kind.key)`\(hint)")
                }
                continue
            }
            var mount = VolumeMount(type: .bind, source: object.source,
                                    target: Self.cleanTarget(kind.mountTarget(name: name, target: target)),
                                    readOnly: true)
            mount.repoRelativeSource = object.repoRelativeSource
            if kind == .secret { mount.isSecret = true }
            mount.bind = VolumeMount.BindOptions(createHostPath: true)
            mounts.append(mount)
        }
        return mounts
    }

    /// The referenced name, the written target and where the name is; nil after an error.
    private func reference(_ item: YAMLNode, kind: FileObjectKind) -> (String, String?, Mark)? {
        guard let pairs = item.mapping else {
            guard let name = reader.string(item, "each item of `\(kind.key)`") else { return nil }
            return (name, nil, item.mark)
        }
        var name: (String, Mark)?
        var target: String?
        let known: Set<String> = ["source", "target", "uid", "gid", "mode"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "an item of `\(kind.key)`") {
            switch key {
            case "source": name = reader.string(pair.value, "`source`").map { ($0, pair.value.mark) }
            case "target": target = reader.string(pair.value, "`target`")
            default:
                // Compose says the same and mounts the file with its own owner and mode.
                sink.warning(pair.key.mark, "\(kind.key) `uid`, `gid` and `mode` are not applied outside Swarm; "
                                 + "the file keeps the repository's owner and mode")
            }
        }
        guard let name else {
            sink.error(item.mark, "an item of `\(kind.key)` needs `source:` naming a top-level \(kind.rawValue)")
            return nil
        }
        return (name.0, target, name.1)
    }
}
