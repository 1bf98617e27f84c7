import Basics

/// One field of `docker inspect` a user sets through a compose file, read in a form two containers can be
/// compared by: unset, `null`, `[]`, `{}`, `0` and `""` are one value, lists whose order Docker does not keep
/// are sorted, and each tool's own labels are left out.
///
/// The one table for "is this container what the compose file says": the takeover of running containers
/// compares with it, and so does the test that holds reconcile's containers equal to Compose's.
public struct InspectField: Sendable {
    public let name: String
    /// The inspect document and the targets of repository-content mounts → a comparable text.
    let read: @Sendable (JSONValue, Set<String>) -> String

    public func value(_ inspect: JSONValue, repoTargets: Set<String> = []) -> String { read(inspect, repoTargets) }

    static func config(_ key: String, sorted: Bool = false) -> InspectField {
        InspectField(name: key) { inspect, _ in text(inspect["Config"]?[key], sorted: sorted) }
    }

    static func host(_ key: String, sorted: Bool = false) -> InspectField {
        InspectField(name: key) { inspect, _ in text(inspect["HostConfig"]?[key], sorted: sorted) }
    }

    /// Label prefixes of the tools that create containers: never a difference in what the user set.
    public static let toolLabelPrefixes = ["com.docker.compose.", "reconcile."]

    public static let all: [InspectField] = [
        config("Image"), config("Cmd"), config("Entrypoint"), config("Env", sorted: true), config("User"),
        config("WorkingDir"),
        InspectField(name: "Hostname") { inspect, _ in
            // Unset, Docker uses the container's short ID: equal in meaning, different in value.
            let hostname = inspect["Config"]?["Hostname"]?.string ?? ""
            return hostname.isEmpty || inspect["Id"]?.string?.hasPrefix(hostname) == true ? "<container id>" : hostname
        },
        InspectField(name: "Labels") { inspect, _ in
            let labels = (inspect["Config"]?["Labels"]?.object ?? [:])
                .filter { label in !toolLabelPrefixes.contains { label.key.hasPrefix($0) } }
            return text(.object(labels), sorted: false)
        },
        config("ExposedPorts"), host("PortBindings"),
        InspectField(name: "RestartPolicy") { inspect, _ in
            let policy = inspect["HostConfig"]?["RestartPolicy"]
            let name = policy?["Name"]?.string ?? ""
            let retries = if case .integer(let n)? = policy?["MaximumRetryCount"] { n } else { Int64(0) }
            return "\(name.isEmpty ? "no" : name):\(retries)"
        },
        InspectField(name: "Mounts") { inspect, repoTargets in
            (inspect["Mounts"]?.array ?? []).map { mount -> String in
                let target = mount["Destination"]?.string ?? ""
                let rw = if case .bool(false)? = mount["RW"] { false } else { true }
                // Repository content is shipped into a read-only volume by design (see docs/compose.md): target only.
                if repoTargets.contains(target) { return "repo-content \(target)" }
                let type = mount["Type"]?.string ?? ""
                var source = (type == "volume" ? mount["Name"] : mount["Source"])?.string ?? ""
                // An anonymous volume's name is random: one is as good as another.
                if type == "volume", source.count == 64, source.allSatisfy(\.isHexDigit) { source = "<anonymous>" }
                return "\(type) \(source) → \(target) rw=\(rw)"
            }.sorted().joined(separator: "; ")
        },
        InspectField(name: "Networks") { inspect, _ in
            let networks = inspect["NetworkSettings"]?["Networks"]?.object ?? [:]
            let id = String((inspect["Id"]?.string ?? "").prefix(12))
            return networks.keys.sorted().map { key in
                let aliases = (networks[key]?["Aliases"]?.array ?? []).compactMap(\.string).filter { $0 != id }.sorted()
                let links = (networks[key]?["Links"]?.array ?? []).compactMap(\.string).sorted()
                return "\(key) aliases \(aliases) links \(links)"
            }.joined(separator: "; ")
        },
        InspectField(name: "NetworkMode") { inspect, _ in
            // `container:<ID>` names a container of each engine: compare that it is one. `default` is `bridge`.
            let mode = inspect["HostConfig"]?["NetworkMode"]?.string ?? ""
            if mode.hasPrefix("container:") { return "container:<id>" }
            return mode == "default" ? "bridge" : mode
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
    public static func text(_ value: JSONValue?, sorted: Bool) -> String {
        switch value {
        case nil, .null?: return "-"
        case .array(let list)?:
            if list.isEmpty { return "-" }
            let items = list.map { text($0, sorted: false) }
            return "[" + (sorted ? items.sorted() : items).joined(separator: ", ") + "]"
        case .object(let map)?:
            // A member set to an empty form is a member left out (`"HostIp": ""` is no host IP).
            let members = map.keys.sorted().compactMap { key -> String? in
                let value = text(map[key], sorted: false)
                return value == "-" ? nil : "\(key): \(value)"
            }
            return members.isEmpty ? "-" : "{" + members.joined(separator: ", ") + "}"
        case .bool(let flag)?: return flag ? "true" : "-"
        case .integer(let n)?: return n == 0 ? "-" : String(n)
        case .unsigned(let n)?: return n == 0 ? "-" : String(n)
        case .double(let n)?: return n == 0 ? "-" : (n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n))
        case .string(let s)?: return s.isEmpty ? "-" : s
        }
    }
}
