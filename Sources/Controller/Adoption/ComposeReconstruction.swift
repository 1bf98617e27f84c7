import Basics

/// A compose file rebuilt from `docker inspect`, for containers whose own file the controller cannot read
/// (another machine, Portainer, `docker run`): only what differs from the image's defaults is written, so the
/// file reads like one a person wrote, and a pass finds the container equal to it.
struct ComposeReconstruction {
    /// One container and its image, as inspect shows them.
    struct Member {
        var service: String
        var inspect: JSONValue
        var image: JSONValue
        /// `container_name:` — a container started by hand keeps its name.
        var containerName: String?
    }

    /// The Compose project these containers belong to; nil for containers started by hand.
    var project: String?
    var members: [Member]

    /// The compose file, and what could not be carried over (a pass then replaces the container, saying why).
    func document() -> (text: ComposeText, notes: [String]) {
        var services: [(String, ComposeText)] = []
        var volumes: [(String, ComposeText)] = []
        var networks: [(String, ComposeText)] = []
        var notes: [String] = []
        for member in members.sorted(by: { $0.service < $1.service }) {
            var service = ServiceText(inspect: member.inspect, image: member.image, project: project)
            if let name = member.containerName { service.fields.insert(("container_name", .scalar(name)), at: 0) }
            service.build()
            services.append((member.service, .map(service.fields)))
            for volume in service.volumes where !volumes.contains(where: { $0.0 == volume.0 }) { volumes.append(volume) }
            for network in service.networks where !networks.contains(where: { $0.0 == network.0 }) { networks.append(network) }
            notes += service.notes.map { "\(member.service): \($0)" }
        }
        var top: [(String, ComposeText)] = [("services", .map(services))]
        if !volumes.isEmpty { top.append(("volumes", .map(volumes))) }
        if !networks.isEmpty { top.append(("networks", .map(networks))) }
        return (.map(top), notes)
    }
}

/// One service's part of a reconstructed compose file.
struct ServiceText {
    let inspect: JSONValue
    let image: JSONValue
    let project: String?
    var fields: [(String, ComposeText)] = []
    var volumes: [(String, ComposeText)] = []
    var networks: [(String, ComposeText)] = []
    var notes: [String] = []

    init(inspect: JSONValue, image: JSONValue, project: String?) {
        self.inspect = inspect
        self.image = image
        self.project = project
    }

    var config: JSONValue { inspect["Config"] ?? .object([:]) }
    var host: JSONValue { inspect["HostConfig"] ?? .object([:]) }
    var imageConfig: JSONValue { image["Config"] ?? .object([:]) }

    func differs(_ key: String) -> Bool {
        InspectField.text(config[key], sorted: false) != InspectField.text(imageConfig[key], sorted: false)
    }

    static func strings(_ value: JSONValue?) -> [String] { (value?.array ?? []).compactMap(\.string) }

    mutating func build() {
        fields.insert(("image", .scalar(config["Image"]?.string ?? "")), at: fields.count)
        let entrypointChanged = differs("Entrypoint")
        if entrypointChanged { fields.append(("entrypoint", .list(Self.strings(config["Entrypoint"]).map(ComposeText.scalar)))) }
        if (entrypointChanged && !Self.strings(config["Cmd"]).isEmpty) || (!entrypointChanged && differs("Cmd")) {
            fields.append(("command", .list(Self.strings(config["Cmd"]).map(ComposeText.scalar))))
        }
        let inherited = Set(Self.strings(imageConfig["Env"]))
        let environment = Self.strings(config["Env"]).filter { !inherited.contains($0) }.sorted()
        if !environment.isEmpty {
            fields.append(("environment", .map(environment.map { entry in
                let name = ExpectedInspect.variableName(entry)
                return (String(name), ComposeText.scalar(String(entry.dropFirst(name.count + 1))))
            })))
        }
        let imageLabels = imageConfig["Labels"]?.object ?? [:]
        let labels = (config["Labels"]?.object ?? [:]).filter { label in
            imageLabels[label.key] != label.value && !InspectField.toolLabelPrefixes.contains { label.key.hasPrefix($0) }
        }
        if !labels.isEmpty {
            fields.append(("labels", .map(labels.keys.sorted().map { ($0, .scalar(labels[$0]?.string ?? "")) })))
        }
        ports()
        mounts()
        network()
        for (key, name) in [("WorkingDir", "working_dir"), ("User", "user"), ("StopSignal", "stop_signal")] where differs(key) {
            fields.append((name, .scalar(config[key]?.string ?? "")))
        }
        if let hostname = config["Hostname"]?.string, !hostname.isEmpty,
           inspect["Id"]?.string?.hasPrefix(hostname) != true {
            fields.append(("hostname", .scalar(hostname)))
        }
        if differs("Healthcheck"), let check = config["Healthcheck"] { healthcheck(check) }
        hostSettings()
    }

    mutating func ports() {
        let bindings = host["PortBindings"]?.object ?? [:]
        var published: [ComposeText] = []
        for key in bindings.keys.sorted() {
            for binding in bindings[key]?.array ?? [] {
                let ip = binding["HostIp"]?.string ?? "", port = binding["HostPort"]?.string ?? ""
                let address = ip.isEmpty ? "" : (ip.contains(":") ? "[\(ip)]:" : "\(ip):")
                // `127.0.0.1::80`: an address without a port lets the engine pick the port.
                let hostPart = port.isEmpty && address.isEmpty ? "" : "\(address)\(port):"
                published.append(.scalar(hostPart + (key.hasSuffix("/tcp") ? String(key.dropLast(4)) : key)))
            }
        }
        if !published.isEmpty { fields.append(("ports", .list(published))) }
        let imagePorts = Set(imageConfig["ExposedPorts"]?.object?.keys ?? [:].keys)
        let exposed = (config["ExposedPorts"]?.object?.keys ?? [:].keys)
            .filter { !imagePorts.contains($0) && bindings[$0] == nil }.sorted()
        if !exposed.isEmpty { fields.append(("expose", .list(exposed.map(ComposeText.scalar)))) }
    }

    mutating func mounts() {
        let imageVolumes = Set(imageConfig["Volumes"]?.object?.keys ?? [:].keys)
        var entries: [ComposeText] = []
        for mount in (inspect["Mounts"]?.array ?? []).sorted(by: { ($0["Destination"]?.string ?? "") < ($1["Destination"]?.string ?? "") }) {
            let target = mount["Destination"]?.string ?? ""
            let readOnly = if case .bool(false)? = mount["RW"] { ":ro" } else { "" }
            switch mount["Type"]?.string {
            case "bind":
                entries.append(.scalar("\(mount["Source"]?.string ?? ""):\(target)\(readOnly)"))
            case "volume":
                let name = mount["Name"]?.string ?? ""
                if name.count == 64, name.allSatisfy(\.isHexDigit) {
                    // Anonymous: the image's own VOLUME makes it again; another one is written as Compose writes it.
                    if !imageVolumes.contains(target) { entries.append(.scalar(target)) }
                    continue
                }
                let key = project.flatMap { name.hasPrefix($0 + "_") ? String(name.dropFirst($0.count + 1)) : nil } ?? name
                entries.append(.scalar("\(key):\(target)\(readOnly)"))
                // `<project>_data` is the project's own `data`; any other volume keeps its name.
                volumes.append((key, key == name ? .map([("name", .scalar(name))]) : .map([])))
            default:
                notes.append("mount \(target) (\(mount["Type"]?.string ?? "?")) is not carried over")
            }
        }
        if !entries.isEmpty { fields.append(("volumes", .list(entries))) }
    }

    mutating func network() {
        let mode = host["NetworkMode"]?.string ?? "default"
        let attached = (inspect["NetworkSettings"]?["Networks"]?.object ?? [:]).keys.sorted()
        if ["default", "bridge", "host", "none"].contains(mode) {
            fields.append(("network_mode", .scalar(mode == "default" ? "bridge" : mode)))
            return
        }
        if mode.hasPrefix("container:") {
            notes.append("network_mode \(mode) is not carried over (it names a container ID)")
            return
        }
        var joined: [ComposeText] = []
        for name in attached {
            if let project, name == "\(project)_default" { continue }
            let key = project.flatMap { name.hasPrefix($0 + "_") ? String(name.dropFirst($0.count + 1)) : nil }
            joined.append(.scalar(key ?? name))
            networks.append((key ?? name, key == nil ? .map([("name", .scalar(name)), ("external", .literal("true"))]) : .map([])))
        }
        if !joined.isEmpty {
            if let project, attached.contains("\(project)_default") { joined.insert(.scalar("default"), at: 0) }
            fields.append(("networks", .list(joined)))
        }
    }

    mutating func healthcheck(_ check: JSONValue) {
        let test = Self.strings(check["Test"])
        if test == ["NONE"] {
            fields.append(("healthcheck", .map([("disable", .literal("true"))])))
            return
        }
        var members: [(String, ComposeText)] = [("test", .list(test.map(ComposeText.scalar)))]
        for (key, name) in [("Interval", "interval"), ("Timeout", "timeout"), ("StartPeriod", "start_period")] {
            if case .integer(let ns)? = check[key], ns > 0 { members.append((name, .scalar(Self.duration(ns)))) }
        }
        if case .integer(let retries)? = check["Retries"], retries > 0 { members.append(("retries", .literal(String(retries)))) }
        fields.append(("healthcheck", .map(members)))
    }

    /// Nanoseconds as Compose writes a duration: `1m30s`, `500ms`.
    static func duration(_ ns: Int64) -> String {
        if ns % 1_000_000_000 != 0 { return "\(ns / 1_000_000)ms" }
        let seconds = ns / 1_000_000_000
        let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return (h > 0 ? "\(h)h" : "") + (m > 0 ? "\(m)m" : "") + (s > 0 || seconds == 0 ? "\(s)s" : "")
    }
}
