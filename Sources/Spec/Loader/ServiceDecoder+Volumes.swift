import FoundationEssentials
import YAML

extension ServiceDecoder {
    /// Short (`./x:/y:ro`, `name:/y`, `/y`) and long volume forms; bind sources become absolute paths, and
    /// relative ones (repo content, shipped to the host) must exist inside the repository.
    func volumes(_ node: YAMLNode) -> [VolumeMount] {
        guard let items = reader.sequence(node, "`volumes`") else { return [] }
        var result: [VolumeMount] = []
        for item in items {
            let mount = item.mapping != nil ? longVolume(item) : shortVolume(item)
            if var mount {
                if mount.type == .bind, let source = mount.source {
                    mount.source = context.absolutePath(source)
                    if !source.hasPrefix("/"), !source.hasPrefix("~") {
                        mount.repoRelativeSource = repoContent(source, resolved: mount.source, at: item)
                        // Repo content is configuration: the container reads it unless the file says `rw`.
                        if !Self.writesReadWrite(item) { mount.readOnly = true }
                    }
                }
                result.append(mount)
            }
        }
        return result
    }

    /// The repository-relative path of a relative bind source; an error when it escapes the repository or is missing.
    private func repoContent(_ written: String, resolved: String?, at item: YAMLNode) -> String? {
        let mark = Self.sourceNode(item)?.mark ?? item.mark
        guard let resolved, let relative = context.repositoryRelative(resolved) else {
            sink.error(mark, "bind source `\(written)` lies outside the repository; reconcile ships repo content to "
                           + "the host, so keep it inside the repository, or write an absolute path on the host")
            return nil
        }
        guard FileManager.default.fileExists(atPath: resolved) else {
            sink.error(mark, "bind source `\(written)` does not exist in the repository (`\(relative)`); "
                           + "add it to the repository, or write an absolute path on the host")
            return nil
        }
        if let problem = RepoContentGuard.check(resolved, root: context.repositoryRoot) {
            sink.error(mark, "bind source `\(written)`: \(problem); repo content must stay inside the repository")
            return nil
        }
        return relative
    }

    /// The node holding a volume's source: the item itself (short form) or its `source` value.
    private static func sourceNode(_ item: YAMLNode) -> YAMLNode? {
        guard let pairs = item.mapping else { return item }
        return pairs.first { $0.key.scalar?.value == "source" }?.value
    }

    /// True when the mount asks for write access in so many words (`:rw`, `read_only: false`).
    private static func writesReadWrite(_ item: YAMLNode) -> Bool {
        if let pairs = item.mapping {
            return pairs.first { $0.key.scalar?.value == "read_only" }?.value.scalar.map {
                ["false", "False", "FALSE", "no", "off"].contains($0.value)
            } ?? false
        }
        guard let text = item.scalar?.value else { return false }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[2].split(separator: ",").contains("rw")
    }

    private func shortVolume(_ node: YAMLNode) -> VolumeMount? {
        guard let text = reader.string(node, "each item of `volumes`") else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty }) else {
            sink.error(node.mark, "invalid volume `\(text)`; write `source:target[:options]` or `target`")
            return nil
        }
        if parts.count == 1 {
            var mount = VolumeMount(type: .volume, source: nil, target: parts[0])
            mount.volume = VolumeMount.VolumeOptions()
            return mount
        }
        let source = parts[0], target = parts[1]
        let isBind = source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~")
        var mount = VolumeMount(type: isBind ? .bind : .volume, source: source, target: target)
        var bind = VolumeMount.BindOptions(createHostPath: true)
        var volume = VolumeMount.VolumeOptions()
        let options = parts.count == 3 ? parts[2].split(separator: ",").map(String.init) : []
        for option in options {
            switch option {
            case "ro": mount.readOnly = true
            case "rw": mount.readOnly = false
            case "z", "Z": bind.selinux = option
            case "nocopy": volume.nocopy = true
            case "shared", "rshared", "slave", "rslave", "private", "rprivate": bind.propagation = option
            default:
                sink.error(node.mark, "unknown volume option `\(option)` in `\(text)`; use ro, rw, z, Z, nocopy or a propagation mode")
            }
        }
        if isBind { mount.bind = bind } else { mount.volume = volume }
        return mount
    }

    private func longVolume(_ node: YAMLNode) -> VolumeMount? {
        guard let pairs = node.mapping else { return nil }
        let known: Set<String> = ["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"]
        var mount = VolumeMount(type: .volume, source: nil, target: "")
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "a volume") {
            let value = pair.value
            switch key {
            case "type":
                guard let text = reader.string(value, "volume `type`") else { continue }
                guard let kind = VolumeMount.Kind(rawValue: text) else {
                    sink.error(value.mark, "unknown volume type `\(text)`; use bind, volume or tmpfs")
                    continue
                }
                mount.type = kind
            case "source": mount.source = reader.string(value, "volume `source`")
            case "target": mount.target = reader.string(value, "volume `target`") ?? ""
            case "read_only": mount.readOnly = reader.bool(value, "volume `read_only`") ?? false
            case "consistency": mount.consistency = reader.string(value, "volume `consistency`")
            case "bind": mount.bind = bindOptions(value)
            case "volume": mount.volume = volumeOptions(value)
            default: mount.tmpfs = tmpfsOptions(value)
            }
        }
        if mount.target.isEmpty {
            sink.error(node.mark, "a volume in long form needs `target`")
            return nil
        }
        if mount.type == .bind, mount.source == nil {
            sink.error(node.mark, "a bind mount needs `source`")
            return nil
        }
        return mount
    }

    private func bindOptions(_ node: YAMLNode) -> VolumeMount.BindOptions? {
        guard let pairs = reader.mapping(node, "`bind`") else { return nil }
        var options = VolumeMount.BindOptions()
        let known: Set<String> = ["propagation", "create_host_path", "selinux"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "`bind`") {
            switch key {
            case "propagation": options.propagation = reader.string(pair.value, "`propagation`")
            case "create_host_path": options.createHostPath = reader.bool(pair.value, "`create_host_path`") ?? false
            default: options.selinux = reader.string(pair.value, "`selinux`")
            }
        }
        return options
    }

    private func volumeOptions(_ node: YAMLNode) -> VolumeMount.VolumeOptions? {
        guard let pairs = reader.mapping(node, "`volume`") else { return nil }
        var options = VolumeMount.VolumeOptions()
        for (key, pair) in reader.knownPairs(pairs, known: ["nocopy", "subpath"], context: "`volume`") {
            if key == "nocopy" {
                options.nocopy = reader.bool(pair.value, "`nocopy`") ?? false
            } else {
                options.subpath = reader.string(pair.value, "`subpath`")
            }
        }
        return options
    }

    private func tmpfsOptions(_ node: YAMLNode) -> VolumeMount.TmpfsOptions? {
        guard let pairs = reader.mapping(node, "`tmpfs`") else { return nil }
        var options = VolumeMount.TmpfsOptions()
        for (key, pair) in reader.knownPairs(pairs, known: ["size", "mode"], context: "`tmpfs`") {
            if key == "size" {
                options.size = reader.bytes(pair.value, "tmpfs `size`")
            } else {
                options.mode = reader.int(pair.value, "tmpfs `mode`")
            }
        }
        return options
    }
}
