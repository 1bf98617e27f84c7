import Basics

/// Checks across files: placement names real hosts and real stacks, host data has a root, and no two services
/// publish the same host port or use the same names on one host.
struct RepositoryChecks {
    let sink: DiagnosticSink

    /// Returns the stacks that pass, with the hosts that list them; failing stacks get diagnostics and are dropped.
    func check(hosts: [HostSpec], stacks: [StackSpec], placements: PlacementIndex = PlacementIndex()) -> [StackSpec] {
        let hostNames = Set(hosts.map(\.name))
        var failed = checkListings(placements).union(checkPlacement(stacks, hosts: hosts, hostFiles: placements.hostFiles))
        let stacks = stacks.map { stack in
            var stack = stack
            stack.listedOn = placements.hosts(listing: stack.name).filter(hostNames.contains)
            return stack
        }
        for host in hosts {
            let placed = stacks.filter { !failed.contains($0.name) && $0.isPlaced(on: host) }
            failed.formUnion(missingDataRoot(on: host, stacks: placed))
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
                sink.error(later.location, "host port \(address):\(later.port)/\(later.proto) on host `\(host.name)` is already published by service `\(earlier.service)` of stack `\(earlier.stack)` (\(earlier.location))",
                           stacks: [later.stack, earlier.stack])
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
                sink.error(.file(stack.file), "\(other.file) and \(stack.file) both use project name `\(stack.projectName)` "
                               + "on host `\(host.name)`, so they would share containers, networks and volumes; give one "
                               + "another top-level `name:` (or `COMPOSE_PROJECT_NAME` in its `.env`), or place them on different hosts", stacks: [other.name, stack.name])
                involved.formUnion([other.name, stack.name])
            }
            projects[stack.projectName] = stack
            for service in stack.services {
                guard let name = service.containerName else { continue }
                if let other = containers[name] {
                    sink.error(service.location(of: "container_name"), "container name `\(name)` on host `\(host.name)` is already used by service `\(other.service.name)` of stack `\(other.stack)` (\(other.service.location(of: "container_name")))",
                               stacks: [other.stack, stack.name])
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
