extension StackSpec {
    /// Services ordered so every service comes after what it depends on (ties by name).
    ///
    /// The loader rejects cycles, so every service appears; on a cycle the remaining services are
    /// appended by name rather than dropped.
    public var servicesInDependencyOrder: [ServiceSpec] {
        var remaining = Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0) })
        var placed = Set<String>()
        var ordered: [ServiceSpec] = []
        while !remaining.isEmpty {
            let ready = remaining.values
                .filter { service in
                    service.dependsOn.keys.allSatisfy { placed.contains($0) || remaining[$0] == nil }
                }
                .sorted { $0.name < $1.name }
            if ready.isEmpty {
                ordered.append(contentsOf: remaining.values.sorted { $0.name < $1.name })
                break
            }
            for service in ready {
                ordered.append(service)
                placed.insert(service.name)
                remaining[service.name] = nil
            }
        }
        return ordered
    }
}
