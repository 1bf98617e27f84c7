import YAML

/// The other compose files a stack's `extends.file` names, each read, parsed and interpolated once per load
/// with the stack's variables (as Compose interpolates them), and kept with the values substituted in them,
/// which history must never show.
final class ExtendedFiles {
    /// One extended file: its `services.<name>` nodes, and its folder, which its relative paths start from.
    struct File {
        let relative: String
        let folder: String
        let services: [String: YAMLNode]
    }

    let files: RepositoryFiles
    let variables: [String: String]
    private var loaded: [String: File?] = [:]
    private(set) var substitutedValues: Set<String> = []

    init(files: RepositoryFiles, variables: [String: String]) {
        self.files = files
        self.variables = variables
    }

    /// The file at `relative` (repository-relative); nil after an error, which the parser or this reports once.
    func file(_ relative: String) -> File? {
        if let known = loaded[relative] { return known }
        let file = load(relative)
        loaded[relative] = file
        return file
    }

    private func load(_ relative: String) -> File? {
        let sink = files.sink
        guard let parsed = files.parse(relative) else { return nil }
        let before = sink.errorCount
        var interpolation = InterpolationPass(interpolator: Interpolator(variables: variables), sink: sink)
        let root = interpolation.apply(parsed)
        guard sink.errorCount == before else { return nil }
        substitutedValues.formUnion(interpolation.substitutedValues)
        let reader = NodeReader(sink: sink)
        guard let pairs = reader.mapping(root, "a compose file"),
              let services = pairs.first(where: { $0.key.scalar?.value == "services" }) else {
            sink.error(root.mark, "`\(relative)` has no `services`, so no service in it can be extended")
            return nil
        }
        guard let servicePairs = reader.mapping(services.value, "`services`") else { return nil }
        let nodes = Dictionary(servicePairs.compactMap { pair in pair.key.scalar.map { ($0.value, pair.value) } }) { first, _ in first }
        let folder = StackContext.normalize(files.absolute(relative) + "/..")
        return File(relative: relative, folder: folder, services: nodes)
    }
}
