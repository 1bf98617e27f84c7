import Basics
import YAML

/// `extends`, resolved on the YAML nodes before a service is decoded, with Compose's merge (`ServiceMerge`).
/// The base may live in another file of the repository (`extends.file`,
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
        resolved = RelativePaths.rebased(service: resolved, from: origin.folder, to: folder)
        let own = YAMLNode(content: .mapping(pairs.filter { $0.key.scalar?.value != "extends" }), mark: node.mark, tag: node.tag)
        let merge = ServiceMerge(sink: sink, other: "`\(baseName)`, which it extends", across: "through `extends`")
        return merge.merge(resolved, own, path: name)
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
        guard let relative = extendedFiles.files.referencedFile(node, folder: folder, what: "`extends.file`") else { return nil }
        if relative == file { return self }
        guard let loaded = extendedFiles.file(relative) else { return nil }
        return ServiceExtends(reader: reader, file: relative, folder: loaded.folder, services: loaded.services,
                              extendedFiles: extendedFiles)
    }
}
