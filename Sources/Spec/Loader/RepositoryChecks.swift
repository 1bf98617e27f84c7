/// Checks across files: placement names real hosts, and no two services publish the same host port on one host.
struct RepositoryChecks {
    let sink: DiagnosticSink

    /// Returns the stacks that pass; failing stacks get diagnostics and are dropped.
    func check(hosts: [HostSpec], stacks: [StackSpec]) -> [StackSpec] {
        var failed = Set<String>()
        let hostNames = Set(hosts.map(\.name))
        for stack in stacks {
            switch stack.placement {
            case .hosts(let names):
                for name in names where !hostNames.contains(name) {
                    sink.error(stack.policySource, "stack `\(stack.name)` is placed on unknown host `\(name)`"
                                   + EditDistance.hint(for: name, among: hostNames))
                    failed.insert(stack.name)
                }
            case .selector:
                if !hosts.contains(where: stack.placement.matches) {
                    sink.error(stack.policySource, "the host selector of stack `\(stack.name)` matches no host")
                    failed.insert(stack.name)
                }
            }
        }
        for host in hosts {
            let placed = stacks.filter { !failed.contains($0.name) && $0.placement.matches(host) }
            failed.formUnion(portClashes(on: host, stacks: placed))
            failed.formUnion(nameClashes(on: host, stacks: placed))
        }
        return stacks.filter { !failed.contains($0.name) }
    }

    /// One published host port; `hostIP` empty means every address.
    private struct Binding {
        var stack: String
        var service: String
        var hostIP: String
        var port: Int
        var proto: String
        var location: SourceLocation
    }

    /// Reports each pair of services binding the same port/protocol on overlapping addresses; returns stack names involved.
    private func portClashes(on host: HostSpec, stacks: [StackSpec]) -> Set<String> {
        var byPort: [String: [Binding]] = [:]
        for stack in stacks {
            for service in stack.services where service.networkMode != "host" {
                for port in service.ports {
                    for number in Self.publishedPorts(port.published) {
                        let binding = Binding(stack: stack.name, service: service.name, hostIP: port.hostIP, port: number,
                                              proto: port.protocol, location: service.location(of: "ports"))
                        byPort["\(number)/\(port.protocol)", default: []].append(binding)
                    }
                }
            }
        }
        var involved = Set<String>()
        for key in byPort.keys.sorted() {
            let bindings = byPort[key] ?? []
            for (index, later) in bindings.enumerated() {
                guard let earlier = bindings[..<index].first(where: { Self.overlap($0.hostIP, later.hostIP) }) else { continue }
                let address = later.hostIP.isEmpty ? "0.0.0.0" : later.hostIP
                sink.error(later.location, "host port \(address):\(later.port)/\(later.proto) on host `\(host.name)` is already published by service `\(earlier.service)` of stack `\(earlier.stack)` (\(earlier.location))")
                involved.insert(later.stack)
                involved.insert(earlier.stack)
            }
        }
        return involved
    }

    /// Two stacks with one project name, or two services with one `container_name`, on the same host would
    /// fight over the same containers.
    private func nameClashes(on host: HostSpec, stacks: [StackSpec]) -> Set<String> {
        var involved = Set<String>()
        var projects: [String: StackSpec] = [:]
        var containers: [String: (stack: String, service: ServiceSpec)] = [:]
        for stack in stacks {
            if let other = projects[stack.projectName] {
                sink.error(stack.policySource, "stacks `\(other.name)` and `\(stack.name)` both use project name `\(stack.projectName)` on host `\(host.name)`; give one a different top-level `name:`")
                involved.formUnion([other.name, stack.name])
            }
            projects[stack.projectName] = stack
            for service in stack.services {
                guard let name = service.containerName else { continue }
                if let other = containers[name] {
                    sink.error(service.location(of: "container_name"), "container name `\(name)` on host `\(host.name)` is already used by service `\(other.service.name)` of stack `\(other.stack)` (\(other.service.location(of: "container_name")))")
                    involved.formUnion([other.stack, stack.name])
                }
                containers[name] = (stack.name, service)
            }
        }
        return involved
    }

    static func publishedPorts(_ published: String) -> [Int] {
        let bounds = published.split(separator: "-").compactMap { Int($0) }
        guard let low = bounds.first, let high = bounds.last, low <= high, low > 0 else { return [] }
        return Array(low...high)
    }

    /// Two addresses collide when equal or when either is a wildcard.
    static func overlap(_ a: String, _ b: String) -> Bool {
        let wildcard: Set<String> = ["", "0.0.0.0", "::"]
        return a == b || wildcard.contains(a) || wildcard.contains(b)
    }
}
