import Basics
import Docker
import Planner

/// The inspect a container created from the repository would show, predicted without creating it: reconcile's
/// create request with the image's defaults filled in where the request leaves a field unset, as the engine
/// fills them. Compared field by field (`InspectField`) with a running container's real inspect.
enum ExpectedInspect {
    /// Docker's default `/dev/shm` size, and the log driver of an engine configured with none.
    static let defaultShmSize: Int64 = 64 * 1024 * 1024
    static let defaultLogConfig: JSONValue = .object(["Type": .string("json-file"), "Config": .object([:])])

    static func document(request: ContainerCreateRequest, desired: DesiredContainer, image: JSONValue) throws -> JSONValue {
        let body = try request.document()
        let imageConfig = image["Config"]?.object ?? [:]
        // The create body is the container config itself, with HostConfig and NetworkingConfig beside its fields.
        var config = (body.object ?? [:]).filter { $0.key != "HostConfig" && $0.key != "NetworkingConfig" }
        config["Env"] = .array(mergedEnvironment(image: imageConfig["Env"], request: config["Env"]))
        if config["Entrypoint"] == nil {
            config["Entrypoint"] = imageConfig["Entrypoint"]
            if config["Cmd"] == nil { config["Cmd"] = imageConfig["Cmd"] }
        }
        var labels = imageConfig["Labels"]?.object ?? [:]
        labels.merge(config["Labels"]?.object ?? [:]) { _, ours in ours }
        config["Labels"] = .object(labels)
        var exposed = imageConfig["ExposedPorts"]?.object ?? [:]
        exposed.merge(config["ExposedPorts"]?.object ?? [:]) { _, ours in ours }
        config["ExposedPorts"] = .object(exposed)
        for key in ["WorkingDir", "User", "Healthcheck", "StopSignal"] where isUnset(config[key]) {
            config[key] = imageConfig[key]
        }
        var host = body["HostConfig"]?.object ?? [:]
        if host["ShmSize"] == nil { host["ShmSize"] = .integer(defaultShmSize) }
        if host["LogConfig"] == nil { host["LogConfig"] = defaultLogConfig }
        if host["NetworkMode"] == nil { host["NetworkMode"] = .string("bridge") }
        return .object([
            "Config": .object(config),
            "HostConfig": .object(host),
            "Mounts": .array(mounts(host, imageVolumes: Set(imageConfig["Volumes"]?.object?.keys ?? [:].keys))),
            "NetworkSettings": .object(["Networks": .object(networks(desired, networkMode: host["NetworkMode"]?.string))]),
        ])
    }

    /// The image's variables, overridden by name by the container's, as the engine merges them.
    static func mergedEnvironment(image: JSONValue?, request: JSONValue?) -> [JSONValue] {
        let ours = (request?.array ?? []).compactMap(\.string)
        let names = Set(ours.map(variableName))
        let inherited = (image?.array ?? []).compactMap(\.string).filter { !names.contains(variableName($0)) }
        return (inherited + ours).map(JSONValue.string)
    }

    static func variableName(_ entry: String) -> Substring { entry.prefix { $0 != "=" } }

    static func isUnset(_ value: JSONValue?) -> Bool {
        InspectField.text(value, sorted: false) == "-"
    }

    /// `Mounts` as inspect lists them: binds, volumes and tmpfs of the request, plus an anonymous volume
    /// for each `VOLUME` of the image that nothing else mounts.
    static func mounts(_ host: [String: JSONValue], imageVolumes: Set<String>) -> [JSONValue] {
        var out: [JSONValue] = []
        for bind in (host["Binds"]?.array ?? []).compactMap(\.string) {
            let parts = bind.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2 else { continue }
            let options = parts.count > 2 ? parts[2].split(separator: ",").map(String.init) : []
            out.append(mount("bind", source: parts[0], target: parts[1], readOnly: options.contains("ro")))
        }
        for item in host["Mounts"]?.array ?? [] {
            let type = item["Type"]?.string ?? "volume"
            let readOnly = if case .bool(true)? = item["ReadOnly"] { true } else { false }
            out.append(mount(type, source: item["Source"]?.string ?? anonymous, target: item["Target"]?.string ?? "",
                             readOnly: readOnly))
        }
        let targets = Set(out.compactMap { $0["Destination"]?.string })
        for volume in imageVolumes.sorted() where !targets.contains(volume) {
            out.append(mount("volume", source: anonymous, target: volume, readOnly: false))
        }
        return out
    }

    /// Stands for a random anonymous volume name (`InspectField` reads any 64 hex digits as anonymous).
    static let anonymous = String(repeating: "0", count: 64)

    static func mount(_ type: String, source: String, target: String, readOnly: Bool) -> JSONValue {
        .object(["Type": .string(type), (type == "volume" ? "Name" : "Source"): .string(source),
                 "Destination": .string(target), "RW": .bool(!readOnly)])
    }

    /// The networks the container joins with their aliases and links; a plain network mode joins that network.
    static func networks(_ desired: DesiredContainer, networkMode: String?) -> [String: JSONValue] {
        let attachments = ContainerRecipe.attachments(desired)
        if attachments.isEmpty {
            let mode = networkMode ?? "bridge"
            if mode.hasPrefix("container:") { return [:] }
            return [mode == "default" ? "bridge" : mode: .object([:])]
        }
        return Dictionary(attachments.map { attachment in
            (attachment.name, JSONValue.object([
                "Aliases": .array((attachment.settings.aliases ?? []).map(JSONValue.string)),
                "Links": .array((attachment.settings.links ?? []).map(JSONValue.string)),
            ]))
        }, uniquingKeysWith: { a, _ in a })
    }
}
