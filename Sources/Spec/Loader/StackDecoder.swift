import Basics
import YAML

/// `COMPOSE_PROJECT_NAME` as a stack's `.env` sets it, with where.
typealias ProjectNameSetting = (value: String, location: SourceLocation)

/// Turns one parsed (and interpolated) compose file into a `StackSpec`; nil when it has any error.
struct StackDecoder {
    let reader: NodeReader
    let context: StackContext
    /// The other files `extends.file` names, read once for the stack.
    let extendedFiles: ExtendedFiles
    var sink: DiagnosticSink { reader.sink }

    func decode(name: String, file: String, root: YAMLNode, dotEnvProjectName: ProjectNameSetting? = nil) -> StackSpec? {
        let before = sink.errorCount
        guard let pairs = reader.mapping(root, "a compose file") else { return nil }
        let projectName = self.projectName(root: root, folder: name, dotEnv: dotEnvProjectName)
        var policy = ReconcilePolicy()
        var policyMark = root.mark
        if let block = root.pair(forKey: "x-reconcile") {
            policyMark = block.key.mark
            policy = ReconcileBlockDecoder(reader: reader).decode(block.value)
        }
        var context = self.context
        context.projectName = projectName
        context.seededData = seededData(policy.data)
        decodeFileObjects(root: root, into: &context)
        var services: [ServiceSpec] = []
        var failedServices = Set<String>()
        var networks: [String: NetworkSpec] = [:]
        var volumes: [String: VolumeSpec] = [:]
        var servicesSeen = false
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { continue }
            if key.hasPrefix("x-") { continue }
            if let reason = ComposeKeys.unsupported[key] {
                sink.error(pair.key.mark, "reconcile does not support top-level `\(key)`: \(reason)")
                continue
            }
            guard ComposeKeys.topLevel.contains(key) else {
                let hint = EditDistance.hint(for: key, among: ComposeKeys.topLevel.union(["x-reconcile"]))
                sink.error(pair.key.mark, "unknown top-level key `\(key)`\(hint)")
                continue
            }
            switch key {
            case "name", "secrets", "configs", "include": continue
            case "services":
                servicesSeen = true
                let (decoded, failed) = decodeServices(pair.value, file: file, context: context)
                services = activeServices(decoded, profiles: policy.profiles)
                // Services left off are reported once, above, not again as unknown dependencies.
                failedServices = failed.union(decoded.map(\.name)).subtracting(services.map(\.name))
            case "networks": networks = ResourceDecoder(reader: reader).networks(pair.value, project: projectName)
            case "volumes": volumes = ResourceDecoder(reader: reader).volumes(pair.value, project: projectName)
            default: sink.warning(pair.key.mark, "`version` is obsolete and ignored")
            }
        }
        if !servicesSeen {
            sink.error(root.mark, "the compose file has no `services`; add `services:` with at least one service")
        }
        let serviceUpdates = serviceUpdatePolicies(services: root.pair(forKey: "services")?.value, stack: policy.updates)
        addImplicitDefaultNetwork(services: services, networks: &networks, project: projectName)
        ReferenceChecker(sink: sink).check(services: services, networks: networks, volumes: volumes,
                                           failedServices: failedServices)
        warnUnusedSeeds(policy.data, context: context, services: services)
        if servicesSeen { checkSnapshotServices(policy.snapshotServiceMarks, services: services) }
        dropUnused(services: services, networks: &networks, volumes: &volumes)
        guard sink.errorCount == before else { return nil }
        var stack = StackSpec(name: name, projectName: projectName, directory: context.directory, file: file,
                              services: services, networks: networks, volumes: volumes, placement: policy.placement,
                              windows: policy.windows, health: policy.health, updates: policy.updates, prune: policy.prune,
                              source: .file(file), policySource: policyMark)
        stack.hostSources = policy.hostMarks.isEmpty ? nil : policy.hostMarks.mapValues { $0 }
        stack.snapshots = policy.snapshots
        stack.serviceUpdates = serviceUpdates.isEmpty ? nil : serviceUpdates
        return stack
    }

    /// Top-level `secrets` and `configs`, read before services since services mount them.
    private func decodeFileObjects(root: YAMLNode, into context: inout StackContext) {
        let decoder = FileObjectDecoder(reader: reader, context: context)
        for kind in [FileObjectKind.secret, .config] {
            guard let pair = root.pair(forKey: kind.key) else { continue }
            let objects = decoder.decode(pair.value, kind: kind)
            if kind == .secret { context.secrets = objects } else { context.configs = objects }
            let declared = (pair.value.mapping ?? []).compactMap { $0.key.scalar?.value }
            context.failedFileObjects.formUnion(declared.filter { objects[$0] == nil }.map { "\(kind.key)/\($0)" })
        }
    }

    /// Decoded services, and the names of those that had errors (so nothing else reports them again).
    private func decodeServices(_ node: YAMLNode, file: String, context: StackContext) -> ([ServiceSpec], Set<String>) {
        guard let pairs = reader.mapping(node, "`services`") else { return ([], []) }
        let decoder = ServiceDecoder(reader: reader, context: context)
        let nodes = Dictionary(pairs.compactMap { pair in pair.key.scalar.map { ($0.value, pair.value) } }) { first, _ in first }
        let extends = ServiceExtends(reader: reader, file: file, folder: context.directory, services: nodes,
                                     extendedFiles: extendedFiles)
        var services: [ServiceSpec] = []
        var failed = Set<String>()
        for pair in pairs {
            guard let name = reader.string(pair.key, "a service name") else { continue }
            guard Names.isValidService(name) else {
                sink.error(pair.key.mark, "invalid service name `\(name)`; use letters, digits, `_`, `.` and `-`")
                failed.insert(name)
                continue
            }
            guard let node = extends.resolve(name, pair.value) else {
                failed.insert(name)
                continue
            }
            if let service = decoder.decode(name: name, keyMark: pair.key.mark, node: node) {
                services.append(service)
            } else {
                failed.insert(name)
            }
        }
        return (services, failed)
    }

    /// As Compose: a service with `profiles` runs only when one of them is active (`x-reconcile.profiles`).
    /// An active service that depends on one left off is an error, where Compose would refuse to start it.
    private func activeServices(_ services: [ServiceSpec], profiles: Set<String>) -> [ServiceSpec] {
        let isActive = { (s: ServiceSpec) in (s.profiles ?? []).isEmpty || !profiles.isDisjoint(with: s.profiles ?? []) }
        let off = Dictionary(uniqueKeysWithValues: services.filter { !isActive($0) }.map { ($0.name, $0) })
        let active = services.filter(isActive)
        for service in active {
            for dependency in service.dependsOn.keys.sorted() {
                guard let target = off[dependency], service.dependsOn[dependency]?.required ?? true else { continue }
                sink.error(service.location(of: "depends_on"),
                           "service `\(service.name)` depends on `\(dependency)`, which is off: its profiles "
                               + "(\((target.profiles ?? []).joined(separator: ", "))) are not active; "
                               + "add one to `x-reconcile.profiles`, or give `\(service.name)` the same profile")
            }
        }
        return active
    }

    /// Compose's order: `COMPOSE_PROJECT_NAME` (here: from the stack's `.env`), then top-level `name:`, then the folder.
    private func projectName(root: YAMLNode, folder: String, dotEnv: ProjectNameSetting?) -> String {
        let fromFile = root.pair(forKey: "name").flatMap { projectName($0.value) }
        if let dotEnv {
            guard Names.isValidProject(dotEnv.value) else {
                sink.error(dotEnv.location, "`COMPOSE_PROJECT_NAME=\(dotEnv.value)` is not a valid project name; use "
                               + "lowercase letters, digits, `_` and `-`, starting with a letter or digit")
                return fromFile ?? folder
            }
            return dotEnv.value
        }
        return fromFile ?? folder
    }

    /// Top-level `name:` must already be a valid project name, as compose requires.
    private func projectName(_ node: YAMLNode) -> String? {
        guard let text = reader.string(node, "`name`") else { return nil }
        guard Names.isValidProject(text) else {
            sink.error(node.mark, "`name: \(text)` is not a valid project name; use lowercase letters, digits, `_` and `-`, starting with a letter or digit")
            return nil
        }
        return text
    }

    /// Compose drops declared networks and volumes that no service uses; so does reconcile (nothing to create).
    private func dropUnused(services: [ServiceSpec], networks: inout [String: NetworkSpec],
                            volumes: inout [String: VolumeSpec]) {
        let usedNetworks = Set(services.flatMap { ($0.networks ?? [:]).keys })
        let usedVolumes = Set(services.flatMap { $0.volumes.filter { $0.type == .volume }.compactMap(\.source) })
        networks = networks.filter { usedNetworks.contains($0.key) }
        volumes = volumes.filter { usedVolumes.contains($0.key) }
    }

    /// Compose adds a `default` network when a service uses it without declaring it.
    private func addImplicitDefaultNetwork(services: [ServiceSpec], networks: inout [String: NetworkSpec], project: String) {
        let usesDefault = services.contains { $0.networks?["default"] != nil }
        if usesDefault, networks["default"] == nil {
            networks["default"] = NetworkSpec(name: "\(project)_default")
        }
    }
}
