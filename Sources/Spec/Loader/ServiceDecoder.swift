import Basics
import YAML

/// Turns one `services.<name>` mapping into a normalised `ServiceSpec`, reporting every problem.
struct ServiceDecoder {
    let reader: NodeReader
    let context: StackContext
    var sink: DiagnosticSink { reader.sink }

    func decode(name: String, keyMark: SourceLocation, node: YAMLNode) -> ServiceSpec? {
        guard let pairs = reader.mapping(node, "service `\(name)`") else { return nil }
        let before = sink.errorCount
        var service = ServiceSpec(name: name, image: "", source: keyMark)
        var envFiles: YAMLNode?
        var environment: YAMLNode?
        var fileObjects: [(FileObjectKind, YAMLNode)] = []
        for (key, pair) in reader.stringKeyedPairs(pairs, context: "service `\(name)`") {
            service.keyLocations[key] = pair.key.mark
            if let refusal = ComposeKeys.refusal(for: key) {
                sink.error(pair.key.mark, refusal)
                continue
            }
            guard ComposeKeys.service.contains(key) else {
                let hint = EditDistance.hint(for: key, among: ComposeKeys.service)
                sink.error(pair.key.mark, "unknown key `\(key)` in service `\(name)`\(hint)")
                continue
            }
            switch key {
            case "env_file": envFiles = pair.value
            case "environment": environment = pair.value
            case "secrets": fileObjects.append((.secret, pair.value))
            case "configs": fileObjects.append((.config, pair.value))
            default: apply(key, pair.value, to: &service)
            }
        }
        checkTuningAgainstDeploy(service)
        if service.image.isEmpty, service.keyLocations["image"] == nil {
            sink.error(keyMark, "service `\(name)` has no `image`; reconcile does not build images, so name a pushed image")
        }
        applyEnvironment(files: envFiles, environment: environment, to: &service)
        var injected: [InjectedFile] = []
        for (kind, node) in fileObjects { service.volumes += fileObjectMounts(node, kind: kind, injected: &injected) }
        if !injected.isEmpty { service.injectedFiles = injected }
        if service.networkMode != nil { service.networks = nil }
        for target in [service.networkModeService].compactMap({ $0 }) + service.linkedServices where service.dependsOn[target] == nil {
            // As Compose: sharing a service's network namespace, or a link, is a dependency that restarts with it.
            service.dependsOn[target] = DependsOn(condition: .serviceStarted, restart: true)
        }
        return sink.errorCount == before ? service : nil
    }

    /// Decodes one supported key into the service.
    private func apply(_ key: String, _ value: YAMLNode, to service: inout ServiceSpec) {
        let what = "`\(key)`"
        switch key {
        case "image": service.image = image(value) ?? ""
        case "command": service.command = commandLine(value, what)
        case "entrypoint": service.entrypoint = commandLine(value, what)
        case "ports": service.ports = ports(value)
        case "expose": service.expose = reader.stringList(value, what)
        case "volumes": service.volumes = volumes(value)
        case "tmpfs": service.tmpfs = reader.stringList(value, what, allowSingle: true)
        case "restart": service.restart = restartPolicy(value)
        case "labels": service.labels = reader.stringMap(value, what)
        case "healthcheck": service.healthcheck = healthcheck(value)
        case "depends_on": service.dependsOn = dependsOn(value)
        case "networks": service.networks = networks(value)
        case "network_mode": service.networkMode = reader.string(value, what)
        case "container_name": service.containerName = reader.string(value, what)
        case "hostname": service.hostname = reader.string(value, what)
        case "user": service.user = reader.string(value, what)
        case "working_dir": service.workingDir = reader.string(value, what)
        case "cap_add": service.capAdd = reader.stringList(value, what)
        case "cap_drop": service.capDrop = reader.stringList(value, what)
        case "devices": service.devices = devices(value)
        case "privileged": service.privileged = reader.bool(value, what) ?? false
        case "extra_hosts": service.extraHosts = extraHosts(value)
        case "dns": service.dns = reader.stringList(value, what, allowSingle: true)
        case "links": service.links = reader.stringList(value, what)
        case "profiles": service.profiles = reader.stringList(value, what)
        case "deploy": deploy(value, into: &service)
        case "gpus": service.gpus = gpus(value)
        case "pull_policy": service.pullPolicy = pullPolicy(value)
        case "platform": service.platform = reader.string(value, what)
        case "logging": service.logging = logging(value)
        case "stop_grace_period": service.stopGracePeriod = reader.duration(value, what)
        case "stop_signal": service.stopSignal = reader.string(value, what)
        case "sysctls": service.sysctls = reader.stringMap(value, what)
        case "ulimits": service.ulimits = ulimits(value)
        case "mem_limit": service.memLimit = reader.bytes(value, what)
        case "cpus": service.cpus = reader.double(value, what)
        case "shm_size": service.shmSize = reader.bytes(value, what)
        case "init": service.initProcess = reader.bool(value, what)
        case "read_only": service.readOnly = reader.bool(value, what) ?? false
        case "security_opt": service.securityOpt = reader.stringList(value, what)
        case "tty": service.tty = reader.bool(value, what) ?? false
        case "stdin_open": service.stdinOpen = reader.bool(value, what) ?? false
        case "group_add": service.groupAdd = reader.stringList(value, what)
        case "pid": service.pid = reader.string(value, what)
        case "ipc": service.ipc = reader.string(value, what)
        case "pids_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "cpu_shares", "cpuset", "dns_search",
             "dns_opt", "oom_score_adj", "userns_mode", "cgroup_parent", "mac_address", "blkio_config":
            tuning(key, value, into: &service)
        default: sink.error(value.mark, "internal: key `\(key)` is listed as supported but has no decoder")
        }
    }

    /// A command as a list, or a string split like a shell.
    private func commandLine(_ node: YAMLNode, _ what: String) -> [String]? {
        if node.isNull { return nil }
        if node.sequence != nil { return reader.stringList(node, what) }
        guard let text = reader.string(node, what) else { return nil }
        do {
            return try ShellWords.split(text)
        } catch {
            sink.error(node.mark, "\(what): \(error.message)")
            return nil
        }
    }

    /// The image reference, checked against Docker's reference grammar.
    private func image(_ node: YAMLNode) -> String? {
        guard let text = reader.string(node, "`image`") else { return nil }
        do {
            _ = try ImageReference.parse(text)
            return text
        } catch {
            sink.error(node.mark, "invalid image reference `\(text)`: \(error.message)")
            return nil
        }
    }

    private func restartPolicy(_ node: YAMLNode) -> String? {
        guard let text = reader.string(node, "`restart`") else { return nil }
        let base = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
        let valid = ["no", "always", "unless-stopped", "on-failure"]
        guard valid.contains(base), base == "on-failure" || !text.contains(":") else {
            sink.error(node.mark, "`restart: \(text)` is not a restart policy; use one of \(valid.joined(separator: ", "))"
                           + EditDistance.hint(for: text, among: valid))
            return nil
        }
        return text
    }
}
