import Basics
import FoundationEssentials
import Sealed
import YAML

/// Loads `hosts/*.yaml` and `stacks/*/compose.yaml` from a checkout into a `Repository`, collecting every error.
///
/// Nothing is partially loaded: a stack with any error is left out and held (its live containers stay as they
/// are); `repository` is nil when an error belongs to no stack, so the controller then applies nothing at all.
public struct RepositoryLoader: Sendable {
    /// Compose file names, in compose's order of preference; more than one in a folder is an error.
    static let composeFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]

    public let limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Loads the checkout at `root`; `environment` is the process environment used for interpolation.
    /// `ageKeys` opens encrypted files (age, SOPS); without it `RECONCILE_AGE_KEY_FILE` of `environment` is used.
    public static func load(root: String, environment: [String: String], ageKeys: AgeKeys? = nil) -> LoadResult {
        RepositoryLoader().load(root: root, environment: environment, ageKeys: ageKeys)
    }

    public func load(root: String, environment: [String: String], ageKeys: AgeKeys? = nil) -> LoadResult {
        let root = StackContext.normalize(root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root)
        let sink = DiagnosticSink()
        let keys = ageKeys ?? environment["RECONCILE_AGE_KEY_FILE"].flatMap { $0.isEmpty ? nil : AgeKeys(path: $0) }
        let files = RepositoryFiles(root: root, sink: sink, limits: limits, encrypted: EncryptedFiles(keys: keys, sink: sink))
        var placements = PlacementIndex()
        let hosts = loadHosts(files, sink: sink, placements: &placements)
        let stacks = loadStacks(files, sink: sink, environment: environment, placements: &placements)
        let valid = RepositoryChecks(sink: sink).check(hosts: hosts, stacks: stacks, placements: placements)
        let diagnostics = sink.sorted
        let attribution = HeldStackAttribution(knownStacks: Set(placements.outlines.keys), validStacks: Set(valid.map(\.name)))
        let held = attribution.heldStacks(diagnostics, attributed: sink.stacksByDiagnostic)
        // Nothing of a held stack is applied, even when a check across stacks named one that had loaded.
        let applicable = valid.filter { held?[$0.name] == nil }
        let repository = held.map { Repository(root: root, hosts: hosts, stacks: applicable, heldStacks: $0) }
        return LoadResult(repository: repository, diagnostics: diagnostics,
                          validStacks: applicable.sorted { $0.name < $1.name })
    }

    private func loadHosts(_ files: RepositoryFiles, sink: DiagnosticSink, placements: inout PlacementIndex) -> [HostSpec] {
        var hosts: [HostSpec] = []
        for entry in files.entries(in: "hosts", directories: false) {
            let relative = "hosts/\(entry)"
            guard entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") else {
                if !entry.hasPrefix(".") {
                    sink.error(.file(relative), "unexpected file `\(relative)`; host files end in `.yaml`")
                }
                continue
            }
            let name = String(entry.prefix { $0 != "." })
            guard Names.isValidHost(name), entry == name + ".yaml" || entry == name + ".yml" else {
                sink.error(.file(relative), "invalid host name `\(name)`; use lowercase letters, digits, `_` and `-`, starting with a letter or digit")
                continue
            }
            if hosts.contains(where: { $0.name == name }) {
                sink.error(.file(relative), "host `\(name)` is defined twice (`.yaml` and `.yml`)")
                continue
            }
            placements.addHostFile(name)
            guard let root = files.parse(relative) else { continue }
            placements.addListings(of: name, root: root)
            let decoder = HostDecoder(reader: NodeReader(sink: sink), directory: files.absolute("hosts"))
            if let host = decoder.decode(name: name, file: relative, root: root) { hosts.append(host) }
        }
        return hosts
    }

    /// Environment keys whose whole value came from the stack's encrypted `.env` are secrets by name too.
    private func markSecretEnvironment(in stack: inout StackSpec, encryptedValues: Set<String>) {
        guard !encryptedValues.isEmpty else { return }
        for index in stack.services.indices {
            let service = stack.services[index]
            let keys = service.environment.compactMap { key, value in value.map(encryptedValues.contains) == true ? key : nil }
            guard !keys.isEmpty else { continue }
            stack.services[index].secretEnvironment = (service.secretEnvironment ?? []).union(keys)
        }
    }

    private func loadStacks(_ files: RepositoryFiles, sink: DiagnosticSink, environment: [String: String],
                            placements: inout PlacementIndex) -> [StackSpec] {
        var stacks: [StackSpec] = []
        for name in files.entries(in: "stacks", directories: true) where !name.hasPrefix(".") {
            let folder = "stacks/\(name)"
            guard Names.isValidProject(name) else {
                sink.error(.file(folder), "invalid stack name `\(name)`; use lowercase letters, digits, `_` and `-`, starting with a letter or digit")
                continue
            }
            // Known even without a usable compose file, so a host listing it gets no second error.
            placements.addStack(name, file: "\(folder)/compose.yaml")
            sink.loadingStack = name
            defer { sink.loadingStack = nil }
            let present = Self.composeFileNames.filter { files.exists("\(folder)/\($0)") }
            guard let composeName = present.first else {
                sink.error(.file(folder), "stack `\(name)` has no compose file; add `\(folder)/compose.yaml`")
                continue
            }
            if present.count > 1 {
                sink.error(.file("\(folder)/\(present[1])"), "stack `\(name)` has several compose files (\(present.joined(separator: ", "))); keep only one")
                continue
            }
            let relative = "\(folder)/\(composeName)"
            placements.addStack(name, file: relative)
            guard let parsed = files.parse(relative) else { continue }
            placements.notePlacement(of: name, root: parsed)
            guard let variables = files.dotEnv(folder, environment: environment) else { continue }
            let context = StackContext(repositoryRoot: files.root, directory: files.absolute(folder),
                                       relativeDirectory: folder, variables: variables.merged, encrypted: files.encrypted)
            let before = sink.errorCount
            var interpolation = InterpolationPass(interpolator: Interpolator(variables: variables.merged), sink: sink)
            let interpolated = interpolation.apply(parsed)
            guard sink.errorCount == before else { continue }
            let includes = StackIncludes(files: files, variables: variables.merged, stackFolder: context.directory)
            guard let root = includes.resolve(interpolated, file: relative) else { continue }
            let extendedFiles = ExtendedFiles(files: files, variables: variables.merged)
            let decoder = StackDecoder(reader: NodeReader(sink: sink), context: context, extendedFiles: extendedFiles)
            if var stack = decoder.decode(name: name, file: relative, root: root,
                                          dotEnvProjectName: variables.projectName) {
                stack.secrets = interpolation.substitutedValues.union(extendedFiles.substitutedValues)
                    .union(includes.substitutedValues)
                    .union(stack.services.flatMap(\.fileEnvironmentValues))
                    .union(stack.services.flatMap { ($0.injectedFiles ?? []).map(\.content) }.filter { !$0.isEmpty })
                    .union(variables.secretValues)
                markSecretEnvironment(in: &stack, encryptedValues: variables.secretValues)
                stacks.append(stack)
            }
        }
        return stacks
    }
}
