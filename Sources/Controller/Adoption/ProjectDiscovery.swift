import Docker
import Planner

/// Groups the containers a host runs outside reconcile into stacks: one per Compose project (by its
/// `com.docker.compose.*` labels), and one per container started by hand.
///
/// A container started by hand becomes a stack of its own, not one "misc" stack: containers started one by
/// one have nothing to do with each other, and a stack is what fails, rolls back and is pruned together.
struct ProjectDiscovery {
    enum Label {
        static let project = "com.docker.compose.project"
        static let service = "com.docker.compose.service"
        static let workingDir = "com.docker.compose.project.working_dir"
        static let configFiles = "com.docker.compose.project.config_files"
        static let oneOff = "com.docker.compose.oneoff"
    }

    /// One future stack: the containers that make it up.
    struct Group: Sendable, Equatable {
        var stack: String
        /// The Compose project; nil for a container started by hand.
        var project: String?
        var workingDir: String?
        var configFiles: [String]
        /// (container ID, container name, service name).
        var containers: [Member]
    }

    struct Member: Sendable, Equatable {
        var id: String
        var name: String
        var service: String
    }

    /// Every group on the host, by stack name; containers reconcile (any installation) manages, leftovers of a
    /// rollout and `docker compose run` one-offs are not adopted.
    static func groups(_ containers: [ContainerSummary]) -> [Group] {
        var byStack: [String: Group] = [:]
        for c in containers where c.labels[ManagedLabels.stack] == nil && c.labels[Label.oneOff] != "True"
            && !Planner.transientSuffixes.contains(where: { c.name.hasSuffix($0) }) {
            if let project = c.labels[Label.project], let service = c.labels[Label.service] {
                let files = (c.labels[Label.configFiles] ?? "").split(separator: ",").map(String.init)
                byStack[project, default: Group(stack: project, project: project, workingDir: c.labels[Label.workingDir],
                                                configFiles: files, containers: [])]
                    .containers.append(Member(id: c.id, name: c.name, service: service))
            } else {
                let stack = stackName(c.name)
                byStack[stack, default: Group(stack: stack, project: nil, workingDir: nil, configFiles: [], containers: [])]
                    .containers.append(Member(id: c.id, name: c.name, service: stack))
            }
        }
        return byStack.values.sorted { $0.stack < $1.stack }
    }

    /// A container name as a stack (folder) and service name: lower case, `[a-z0-9_-]`, starting with a letter or digit.
    static func stackName(_ container: String) -> String {
        let mapped = container.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        let name = String(mapped.drop { $0 == "-" || $0 == "_" })
        return name.isEmpty ? "container" : name
    }
}
