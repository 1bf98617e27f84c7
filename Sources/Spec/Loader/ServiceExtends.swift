import YAML

/// `extends`, resolved on the YAML nodes before a service is decoded, with Compose's merge: the extending
/// service's scalars win, mappings merge key by key, `command`/`entrypoint`/`test` are replaced, lists merge as
/// Compose merges them (`mergedList`). The base may live in another file of the repository (`extends.file`,
/// relative to the extending file's folder); its relative paths keep pointing where that file meant them.
/// Positions stay those of the files, so later errors point where each value was written.
struct ServiceExtends {
    let reader: NodeReader
    /// The file these services are in, repository-relative, and its absolute folder.
    let file: String
    let folder: String
    /// Every `services.<name>` node of the file.
    let services: [String: YAMLNode]
    /// The other files `extends.file` names, read once per load.
    let extendedFiles: ExtendedFiles
    var sink: DiagnosticSink { reader.sink }

    /// A service in a file: what a chain of `extends` visits.
    private struct Link: Equatable {
        let file: String
        let service: String
    }

    /// Keys whose value replaces the base's whatever its shape.
    static let replaced: Set<String> = ["command", "entrypoint", "test"]

    /// The service node with its `extends` chain merged in; nil after an error.
    func resolve(_ name: String, _ node: YAMLNode) -> YAMLNode? {
        resolve(name, node, visiting: [])
    }

    private func resolve(_ name: String, _ node: YAMLNode, visiting: [Link]) -> YAMLNode? {
        guard let pairs = node.mapping, let extends = node.pair(forKey: "extends") else { return node }
        guard let (baseName, fileNode) = reference(extends.value) else { return nil }
        var origin = self
        if let fileNode {
            guard let other = otherFile(fileNode) else { return nil }
            origin = other
        }
        let chain = visiting + [Link(file: file, service: name)]
        let base = Link(file: origin.file, service: baseName)
        guard !chain.contains(base) else {
            let names = (chain + [base]).map { $0.file == chain[0].file ? $0.service : "\($0.service) (\($0.file))" }
            sink.error(extends.value.mark, "`extends` of service `\(name)` loops: \(names.joined(separator: " → ")); break the cycle")
            return nil
        }
        guard let baseNode = origin.services[baseName] else {
            let hint = EditDistance.hint(for: baseName, among: origin.services.keys)
            let place = fileNode == nil ? "this file" : "`\(origin.file)`"
            sink.error((extends.value["service"] ?? extends.value).mark,
                       "service `\(name)` extends `\(baseName)`, which is not a service of \(place)\(hint)")
            return nil
        }
        guard var resolved = origin.resolve(baseName, baseNode, visiting: chain) else { return nil }
        resolved = Self.rebased(resolved, from: origin.folder, to: folder)
        let own = YAMLNode(content: .mapping(pairs.filter { $0.key.scalar?.value != "extends" }), mark: node.mark, tag: node.tag)
        return merge(resolved, own, path: name, baseName: baseName, isService: true)
    }

    /// `extends: base` or `extends: {service: base, file: path}`: the service's name and the `file` value, if any.
    private func reference(_ node: YAMLNode) -> (String, YAMLNode?)? {
        guard let pairs = node.mapping else { return reader.string(node, "`extends`").map { ($0, nil) } }
        var service: String?
        var file: YAMLNode?
        for (key, pair) in reader.knownPairs(pairs, known: ["service", "file"], context: "`extends`") {
            if key == "file" { file = pair.value } else { service = reader.string(pair.value, "`extends.service`") }
        }
        guard let service else {
            sink.error(node.mark, "`extends` needs `service:` naming the service to extend")
            return nil
        }
        return (service, file)
    }

    /// The services of the file `extends.file` names: inside the repository, relative to this file's folder.
    private func otherFile(_ node: YAMLNode) -> ServiceExtends? {
        guard let path = reader.string(node, "`extends.file`") else { return nil }
        let root = extendedFiles.files.root
        let absolute = StackContext.normalize(path.hasPrefix("/") ? path : folder + "/" + path)
        guard absolute.hasPrefix(root + "/") else {
            sink.error(node.mark, "`extends.file: \(path)` lies outside the repository; reconcile reads only the "
                           + "repository's files: copy the file into the repository and extend it there")
            return nil
        }
        let relative = String(absolute.dropFirst(root.count + 1))
        if relative == file { return self }
        guard extendedFiles.files.exists(relative) else {
            sink.error(node.mark, "`extends.file: \(path)` does not exist (looked for `\(relative)`); "
                           + "write a path relative to `\(file)`'s folder")
            return nil
        }
        guard let loaded = extendedFiles.file(relative) else { return nil }
        return ServiceExtends(reader: reader, file: relative, folder: loaded.folder, services: loaded.services,
                              extendedFiles: extendedFiles)
    }

    /// As Compose: `logging` with another driver replaces the base's (its options belong to its driver).
    private static func changesLoggingDriver(_ key: String, _ base: YAMLNode, _ own: YAMLNode) -> Bool {
        guard key == "logging", let driver = own["driver"]?.scalar?.value else { return false }
        return base["driver"]?.scalar?.value != driver
    }

    /// Values that replace the base's: scalars, a null, a mapping against a scalar (`ulimits.nofile: 1` against
    /// `{soft, hard}`), the keys Compose always replaces.
    private static func replaces(_ key: String, _ base: YAMLNode, _ own: YAMLNode) -> Bool {
        if replaced.contains(key) || base.isNull || own.isNull || changesLoggingDriver(key, base, own) { return true }
        let isMapping = (base.mapping != nil, own.mapping != nil)
        return base.sequence == nil && own.sequence == nil && isMapping != (true, true)
    }

    /// `own` over `base`: Compose's override for scalars and mappings; lists as `mergedList` merges them.
    private func merge(_ base: YAMLNode, _ own: YAMLNode, path: String, baseName: String,
                       isService: Bool = false) -> YAMLNode? {
        guard let basePairs = base.mapping, let ownPairs = own.mapping else { return own }
        var merged = basePairs
        var failed = false
        for pair in ownPairs {
            guard let key = pair.key.scalar?.value,
                  let index = merged.firstIndex(where: { $0.key.scalar?.value == key }) else {
                merged.append(pair)
                continue
            }
            let inherited = merged[index].value
            let value: YAMLNode?
            if Self.replaces(key, inherited, pair.value) {
                value = pair.value
            } else if inherited.mapping != nil, pair.value.mapping != nil {
                value = merge(inherited, pair.value, path: "\(path).\(key)", baseName: baseName)
            } else if isService || key == "aliases", Self.mergeable(key) {
                value = Self.mergedList(key, inherited, pair.value) { merge($0, $1, path: "\(path).\(key)", baseName: baseName) }
                if value == nil {
                    sink.error(pair.key.mark, "`\(path).\(key)` here and `\(key)` in `\(baseName)`, which it extends, have "
                                   + "forms Compose does not merge; write both as lists or both as maps")
                }
            } else {
                sink.error(pair.key.mark, "`\(path).\(key)` is set here and in `\(baseName)`, which it extends; "
                               + "reconcile does not merge these lists through `extends`: write the whole `\(key)` in one of them")
                value = nil
            }
            guard let value else {
                failed = true
                continue
            }
            merged[index] = YAMLPair(key: pair.key, value: value)
        }
        return failed ? nil : YAMLNode(content: .mapping(merged), mark: own.mark, tag: own.tag)
    }

    private static func mergeable(_ key: String) -> Bool {
        appendedKeys.contains(key) || keyValueKeys.contains(key) || namedKeys.contains(key) || targetedKeys.contains(key)
    }
}
