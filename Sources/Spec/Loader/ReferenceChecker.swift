/// Stack-internal references: networks, named volumes and `depends_on` targets exist; no dependency cycles.
struct ReferenceChecker {
    let sink: DiagnosticSink

    /// `failedServices` had errors of their own: a dependency on one is not reported again (one mistake, one message).
    func check(services: [ServiceSpec], networks: [String: NetworkSpec], volumes: [String: VolumeSpec],
               failedServices: Set<String> = []) {
        let names = Set(services.map(\.name))
        for service in services {
            for network in (service.networks ?? [:]).keys.sorted() where network != "default" && networks[network] == nil {
                sink.error(service.location(of: "networks"),
                           "service `\(service.name)` uses network `\(network)`, which is not declared under top-level `networks`"
                               + EditDistance.hint(for: network, among: networks.keys))
            }
            for mount in service.volumes where mount.type == .volume {
                guard let source = mount.source, volumes[source] == nil else { continue }
                sink.error(service.location(of: "volumes"),
                           "service `\(service.name)` mounts volume `\(source)`, which is not declared under top-level `volumes`"
                               + EditDistance.hint(for: source, among: volumes.keys))
            }
            if let target = service.networkModeService, !names.contains(target), !failedServices.contains(target) {
                sink.error(service.location(of: "network_mode"),
                           "service `\(service.name)` has `network_mode: service:\(target)`, but `\(target)` is not a service in this stack"
                               + Self.nextStep(EditDistance.hint(for: target, among: names.subtracting([service.name])),
                                               otherwise: "; name a service of this stack, or use `container:<name>` for another container"))
            }
            for target in service.linkedServices where !names.contains(target) && !failedServices.contains(target) {
                sink.error(service.location(of: "links"),
                           "service `\(service.name)` links to `\(target)`, which is not a service in this stack"
                               + Self.nextStep(EditDistance.hint(for: target, among: names.subtracting([service.name])),
                                               otherwise: "; link a service of this stack, or remove the link"))
            }
            let implicit = Set([service.networkModeService].compactMap { $0 } + service.linkedServices)
            for dependency in service.dependsOn.keys.sorted()
            where !names.contains(dependency) && !failedServices.contains(dependency) && !implicit.contains(dependency) {
                sink.error(service.location(of: "depends_on"),
                           "service `\(service.name)` depends on `\(dependency)`, which is not a service in this stack"
                               + Self.nextStep(EditDistance.hint(for: dependency, among: names),
                                               otherwise: "; add it under `services`, or remove it from `depends_on`"))
            }
        }
        if let cycle = firstCycle(services) {
            let first = services.first { $0.name == cycle[0] }
            let location = first?.location(of: "depends_on") ?? first?.source
            if let location {
                sink.error(location, "dependency cycle: \(cycle.joined(separator: " -> "))")
            }
        }
    }

    /// A "did you mean" when there is one, else what to do.
    static func nextStep(_ hint: String, otherwise: String) -> String {
        hint.isEmpty ? otherwise : hint
    }

    /// The first cycle found by depth-first search, as a closed path of service names (`a -> b -> a`).
    func firstCycle(_ services: [ServiceSpec]) -> [String]? {
        let edges = Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0.dependsOn.keys.sorted()) })
        var state: [String: Int] = [:]
        var path: [String] = []
        func visit(_ node: String) -> [String]? {
            state[node] = 1
            path.append(node)
            for next in edges[node] ?? [] where edges[next] != nil {
                if state[next] == 1, let start = path.firstIndex(of: next) {
                    return Array(path[start...]) + [next]
                }
                if state[next] == nil, let cycle = visit(next) { return cycle }
            }
            state[node] = 2
            path.removeLast()
            return nil
        }
        for name in edges.keys.sorted() where state[name] == nil {
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }
}
