import Basics
import YAML

/// Top-level `include`, resolved on the YAML nodes before the stack is decoded, as Compose resolves it: each
/// included file is interpolated with its own variables (its item's `env_file`s, else the `.env` of its project
/// directory) under the stack's, its relative paths resolve against its project directory (by default its own
/// folder), and its services, networks, volumes, secrets and configs join the stack's. A name defined twice is
/// an error at the second definition, as Compose refuses it, unless both say the same.
final class StackIncludes {
    let files: RepositoryFiles
    /// The stack's variables (its `.env` under the process environment); they win over an included file's own.
    let variables: [String: String]
    /// The stack folder, absolute: every included path is rewritten relative to it.
    let stackFolder: String
    private(set) var substitutedValues: Set<String> = []
    var sink: DiagnosticSink { files.sink }
    var reader: NodeReader { NodeReader(sink: sink) }

    static let resourceKeys = ["services", "networks", "volumes", "secrets", "configs"]

    /// One section's definitions, in order.
    typealias Resources = [String: [YAMLPair]]

    init(files: RepositoryFiles, variables: [String: String], stackFolder: String) {
        self.files = files
        self.variables = variables
        self.stackFolder = stackFolder
    }

    /// The stack's compose file (`file`, repository-relative) with everything it includes merged in and
    /// `include` removed; nil after an error.
    func resolve(_ root: YAMLNode, file: String) -> YAMLNode? {
        guard let pairs = root.mapping, let include = root.pair(forKey: "include") else { return root }
        guard let resources = includes(include.value, folder: stackFolder, chain: [file]) else { return nil }
        var merged = pairs.filter { $0.key.scalar?.value != "include" }
        for key in Self.resourceKeys {
            let index = merged.firstIndex { $0.key.scalar?.value == key }
            var section = index.flatMap { merged[$0].value.mapping } ?? []
            guard add(resources[key] ?? [], to: &section, key: key) else { return nil }
            guard !section.isEmpty else { continue }
            let keyNode = index.map { merged[$0].key } ?? YAMLNode(content: .scalar(YAMLScalar(key)), mark: include.key.mark)
            let pair = YAMLPair(key: keyNode, value: YAMLNode(content: .mapping(section), mark: keyNode.mark))
            if let index { merged[index] = pair } else { merged.append(pair) }
        }
        return YAMLNode(content: .mapping(merged), mark: root.mark, tag: root.tag)
    }

    /// Every resource the items of an `include` list bring, paths relative to the stack folder; nil after an error.
    private func includes(_ node: YAMLNode, folder: String, chain: [String]) -> Resources? {
        guard let items = reader.sequence(node, "`include`") else { return nil }
        var resources: Resources = [:]
        var failed = false
        for item in items {
            guard let brought = self.item(item, folder: folder, chain: chain) else { failed = true; continue }
            for key in Self.resourceKeys {
                var section = resources[key] ?? []
                if !add(brought[key] ?? [], to: &section, key: key) { failed = true }
                resources[key] = section
            }
        }
        return failed ? nil : resources
    }

    /// Adds `definitions` to `section`; a name already there is Compose's conflict, an error at the new one.
    private func add(_ definitions: [YAMLPair], to section: inout [YAMLPair], key: String) -> Bool {
        var failed = false
        for pair in definitions {
            let name = pair.key.scalar?.value ?? ""
            if let existing = section.first(where: { $0.key.scalar?.value == name }) {
                // As Compose: the same definition twice (an external network both files declare) is one.
                if Self.sameDefinition(existing.value, pair.value) { continue }
                let mark = existing.key.mark
                sink.error(pair.key.mark, "`\(key).\(name)` is defined here and at \(mark.file):\(mark.line):\(mark.column) "
                               + "(an include brings it in); Compose refuses the conflict: rename one of them or remove one")
                failed = true
            } else {
                section.append(pair)
            }
        }
        return !failed
    }

    /// One item: `path` (or a list of paths, merged in order), `project_directory`, `env_file`.
    private func item(_ node: YAMLNode, folder: String, chain: [String]) -> Resources? {
        var pathNodes: [YAMLNode] = []
        var projectDirectory: String?
        var envFileNodes: [YAMLNode]?
        if let pairs = node.mapping {
            for (key, pair) in reader.knownPairs(pairs, known: ["path", "project_directory", "env_file"], context: "`include`") {
                switch key {
                case "path": pathNodes = pair.value.sequence ?? [pair.value]
                case "project_directory": projectDirectory = reader.string(pair.value, "`include.project_directory`")
                default: envFileNodes = pair.value.sequence ?? [pair.value]
                }
            }
            guard !pathNodes.isEmpty else {
                sink.error(node.mark, "an `include` item needs `path`: the compose file to include")
                return nil
            }
        } else {
            pathNodes = [node]
        }
        var paths: [(relative: String, node: YAMLNode)] = []
        for pathNode in pathNodes {
            guard let relative = files.referencedFile(pathNode, folder: folder, what: "`include` path") else { return nil }
            guard !chain.contains(relative) else {
                sink.error(pathNode.mark, "`include` loops: \((chain + [relative]).joined(separator: " → ")); break the cycle")
                return nil
            }
            paths.append((relative, pathNode))
        }
        let project = projectDirectory.map { StackContext.normalize(folder + "/" + $0) }
            ?? StackContext.normalize(files.absolute(paths[0].relative) + "/..")
        guard let variables = variables(envFiles: envFileNodes, folder: folder, project: project) else { return nil }
        var resources: Resources = [:]
        for (relative, _) in paths {
            guard let brought = load(relative, project: project, variables: variables, chain: chain) else { return nil }
            merge(brought, into: &resources, file: relative)
        }
        return resources
    }

    /// The later file of one item over the earlier ones, as Compose merges the files of `-f a -f b`.
    private func merge(_ later: Resources, into resources: inout Resources, file: String) {
        for (key, pairs) in later {
            var section = resources[key] ?? []
            for pair in pairs {
                guard let index = section.firstIndex(where: { $0.key.scalar?.value == pair.key.scalar?.value }) else {
                    section.append(pair)
                    continue
                }
                let other = "`\(section[index].key.mark.file)`"
                let merged = key == "services"
                    ? ServiceMerge(sink: sink, other: other, across: "across the files of one `include`")
                        .merge(section[index].value, pair.value, path: pair.key.scalar?.value ?? "")
                    : pair.value
                section[index] = YAMLPair(key: pair.key, value: merged ?? pair.value)
            }
            resources[key] = section
        }
    }

    /// An included file's resources, its own includes merged in, paths relative to the stack folder.
    private func load(_ relative: String, project: String, variables: [String: String], chain: [String]) -> Resources? {
        guard let parsed = files.parse(relative) else { return nil }
        let before = sink.errorCount
        var interpolation = InterpolationPass(interpolator: Interpolator(variables: variables), sink: sink)
        let root = interpolation.apply(parsed)
        guard sink.errorCount == before, let pairs = reader.mapping(root, "a compose file") else { return nil }
        substitutedValues.formUnion(interpolation.substitutedValues)
        var resources: Resources = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.value, Self.resourceKeys.contains(key) else { continue }
            let definitions = pair.value.isNull ? [] : (reader.mapping(pair.value, "`\(key)`") ?? [])
            resources[key] = definitions.map { definition in
                let value = switch key {
                case "services": RelativePaths.rebased(service: definition.value, from: project, to: stackFolder)
                case "secrets", "configs": RelativePaths.rebased(fileObject: definition.value, from: project, to: stackFolder)
                default: definition.value
                }
                return YAMLPair(key: definition.key, value: value)
            }
        }
        guard let nested = root.pair(forKey: "include") else { return resources }
        guard let brought = includes(nested.value, folder: project, chain: chain + [relative]) else { return nil }
        for key in Self.resourceKeys {
            var section = resources[key] ?? []
            guard add(brought[key] ?? [], to: &section, key: key) else { return nil }
            resources[key] = section
        }
        return resources
    }
}
