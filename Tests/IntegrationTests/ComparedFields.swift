import Foundation

/// The inspect fields issue 15 lists, each read from `docker inspect` in a form both tools can be compared by:
/// unset, `null`, `[]`, `{}`, `0` and `""` are one value, lists whose order Docker does not keep are sorted, and
/// each tool's own labels are left out.
struct ComparedFields: Sendable {
    let name: String
    /// The inspect document and the targets of repository-content mounts → a comparable text.
    let read: @Sendable ([String: Any], Set<String>) -> String

    func value(_ inspect: [String: Any], _ repoTargets: Set<String>) -> String { read(inspect, repoTargets) }

    static func config(_ key: String, sorted: Bool = false) -> ComparedFields {
        ComparedFields(name: key) { inspect, _ in text((inspect["Config"] as? [String: Any])?[key], sorted: sorted) }
    }

    static func host(_ key: String, sorted: Bool = false) -> ComparedFields {
        ComparedFields(name: key) { inspect, _ in text((inspect["HostConfig"] as? [String: Any])?[key], sorted: sorted) }
    }

    static let all: [ComparedFields] = [
        config("Image"), config("Cmd"), config("Entrypoint"), config("Env", sorted: true), config("User"),
        config("WorkingDir"),
        ComparedFields(name: "Hostname") { inspect, _ in
            // Unset, Docker uses the container's short ID: equal in meaning, different in value.
            let hostname = (inspect["Config"] as? [String: Any])?["Hostname"] as? String ?? ""
            return (inspect["Id"] as? String)?.hasPrefix(hostname) == true ? "<container id>" : hostname
        },
        ComparedFields(name: "Labels") { inspect, _ in
            let labels = ((inspect["Config"] as? [String: Any])?["Labels"] as? [String: Any] ?? [:])
                .filter { !$0.key.hasPrefix("com.docker.compose.") && !$0.key.hasPrefix("reconcile.") }
            return text(labels, sorted: false)
        },
        config("ExposedPorts"), host("PortBindings"),
        ComparedFields(name: "RestartPolicy") { inspect, _ in
            let policy = (inspect["HostConfig"] as? [String: Any])?["RestartPolicy"] as? [String: Any] ?? [:]
            let name = policy["Name"] as? String ?? ""
            return "\(name.isEmpty ? "no" : name):\(policy["MaximumRetryCount"] as? Int ?? 0)"
        },
        ComparedFields(name: "Mounts") { inspect, repoTargets in
            let mounts = inspect["Mounts"] as? [[String: Any]] ?? []
            return mounts.map { mount -> String in
                let target = mount["Destination"] as? String ?? ""
                let rw = mount["RW"] as? Bool ?? true
                // Repository content is shipped into a read-only volume by design (see docs/compose.md): target only.
                if repoTargets.contains(target) { return "repo-content \(target)" }
                let type = mount["Type"] as? String ?? ""
                let source = type == "volume" ? mount["Name"] as? String ?? "" : mount["Source"] as? String ?? ""
                return "\(type) \(source) → \(target) rw=\(rw)"
            }.sorted().joined(separator: "; ")
        },
        ComparedFields(name: "Networks") { inspect, _ in
            let networks = (inspect["NetworkSettings"] as? [String: Any])?["Networks"] as? [String: Any] ?? [:]
            return networks.keys.sorted().map { key in
                let endpoint = networks[key] as? [String: Any] ?? [:]
                let id = String((inspect["Id"] as? String ?? "").prefix(12))
                let aliases = (endpoint["Aliases"] as? [String] ?? []).filter { $0 != id }.sorted()
                let links = (endpoint["Links"] as? [String] ?? []).sorted()
                return "\(key) aliases \(aliases) links \(links)"
            }.joined(separator: "; ")
        },
        ComparedFields(name: "NetworkMode") { inspect, _ in
            // `container:<ID>` names a container of each engine: compare that it is one, by its name.
            let mode = (inspect["HostConfig"] as? [String: Any])?["NetworkMode"] as? String ?? ""
            return mode.hasPrefix("container:") ? "container:<id>" : mode
        },
        host("CapAdd", sorted: true), host("CapDrop", sorted: true), host("Devices"), host("DeviceRequests"),
        host("Ulimits"), host("Memory"), host("NanoCpus"), host("PidsLimit"), host("ShmSize"), host("Sysctls"),
        host("Tmpfs"), host("Init"), host("Privileged"), host("SecurityOpt", sorted: true), host("ReadonlyRootfs"),
        host("LogConfig"), host("ExtraHosts", sorted: true), host("Dns"), config("Healthcheck"), config("StopSignal"),
        config("StopTimeout"), host("MemoryReservation"), host("MemorySwap"), host("MemorySwappiness"),
        host("CpuShares"), host("CpusetCpus"), host("DnsSearch"), host("DnsOptions"), host("OomScoreAdj"),
        host("UsernsMode"), host("CgroupParent"), config("MacAddress"), host("BlkioWeight"), host("BlkioWeightDevice"),
        host("BlkioDeviceReadBps"), host("BlkioDeviceWriteBps"), host("BlkioDeviceReadIOps"), host("BlkioDeviceWriteIOps"),
    ]

    /// Stable text for a JSON value; empty forms, `0` and `false` read as "-", as Docker treats them as unset.
    static func text(_ value: Any?, sorted: Bool) -> String {
        switch value {
        case nil, is NSNull: return "-"
        case let list as [Any]:
            if list.isEmpty { return "-" }
            let items = list.map { text($0, sorted: false) }
            return "[" + (sorted ? items.sorted() : items).joined(separator: ", ") + "]"
        case let map as [String: Any]:
            if map.isEmpty { return "-" }
            return "{" + map.keys.sorted().map { "\($0): \(text(map[$0], sorted: false))" }.joined(separator: ", ") + "}"
        case let number as NSNumber:
            return number == 0 ? "-" : number.stringValue
        case let string as String: return string.isEmpty ? "-" : string
        default: return "\(value!)"
        }
    }
}
