import YAML

extension ServiceDecoder {
    /// `deploy:` as Compose applies it without Swarm: resources and `restart_policy`. Keys Docker ignores for
    /// a plain container warn; `replicas` other than 1 and `mode: global` are refused (one container per service).
    func deploy(_ node: YAMLNode, into service: inout ServiceSpec) {
        guard let pairs = reader.mapping(node, "`deploy`") else { return }
        let known: Set<String> = ["resources", "restart_policy", "replicas", "mode", "placement", "labels",
                                  "update_config", "rollback_config", "endpoint_mode"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "`deploy`") {
            switch key {
            case "resources": service.deploy = resources(pair.value)
            case "restart_policy": restartPolicy(pair.value, into: &service)
            case "replicas":
                if let count = reader.int(pair.value, "`deploy.replicas`"), count != 1 {
                    sink.error(pair.value.mark, "`deploy.replicas: \(count)`: reconcile runs exactly one container per "
                                   + "service; set it to 1, or declare one service per container you need")
                }
            case "mode":
                if let mode = reader.string(pair.value, "`deploy.mode`"), mode != "replicated" {
                    sink.error(pair.value.mark, "`deploy.mode: \(mode)` is for Swarm; remove it (one container per service)")
                }
            default:
                sink.warning(pair.key.mark, "`deploy.\(key)` only applies to Swarm services; Docker ignores it for a "
                                 + "plain container, and so does reconcile")
            }
        }
    }

    private func resources(_ node: YAMLNode) -> DeployResources? {
        guard let pairs = reader.mapping(node, "`deploy.resources`") else { return nil }
        var result = DeployResources()
        for (key, pair) in reader.knownPairs(pairs, known: ["limits", "reservations"], context: "`deploy.resources`") {
            guard let inner = reader.mapping(pair.value, "`deploy.resources.\(key)`") else { continue }
            let known: Set<String> = ["cpus", "memory", "pids", "devices", "generic_resources"]
            for (field, item) in reader.knownPairs(inner, known: known, context: "`deploy.resources.\(key)`") {
                let what = "`deploy.resources.\(key).\(field)`"
                switch (key, field) {
                case ("limits", "cpus"): result.cpus = reader.double(item.value, what)
                case ("limits", "memory"): result.memory = reader.bytes(item.value, what)
                case ("limits", "pids"): result.pids = reader.int(item.value, what).map(Int64.init)
                case ("reservations", "memory"): result.memoryReservation = reader.bytes(item.value, what)
                case ("reservations", "devices"): result.devices = deviceRequests(item.value, what)
                case ("reservations", "cpus"), ("reservations", "generic_resources"):
                    sink.warning(item.key.mark, "\(what) only applies to Swarm services; Docker ignores it for a plain container")
                default:
                    sink.error(item.key.mark, "\(what) is not a Compose key; under `\(key)` use "
                                   + (key == "limits" ? "`cpus`, `memory` or `pids`" : "`memory` or `devices`"))
                }
            }
        }
        return result
    }

    /// `restart_policy: {condition: on-failure, max_attempts: 3}` → `on-failure:3`, used when `restart` is unset.
    private func restartPolicy(_ node: YAMLNode, into service: inout ServiceSpec) {
        guard let pairs = reader.mapping(node, "`deploy.restart_policy`") else { return }
        var condition = "any", attempts: Int?
        let known: Set<String> = ["condition", "max_attempts", "delay", "window"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "`deploy.restart_policy`") {
            switch key {
            case "condition": condition = reader.string(pair.value, "`deploy.restart_policy.condition`") ?? condition
            case "max_attempts": attempts = reader.int(pair.value, "`deploy.restart_policy.max_attempts`")
            default: sink.warning(pair.key.mark, "`deploy.restart_policy.\(key)` only applies to Swarm services")
            }
        }
        guard service.restart == nil else { return }
        switch condition {
        case "none": service.restart = "no"
        case "on-failure": service.restart = "on-failure" + (attempts.map { ":\($0)" } ?? "")
        case "any": service.restart = "always"
        default: sink.error(node.mark, "`deploy.restart_policy.condition: \(condition)` is not one of none, on-failure, any")
        }
    }

    /// Device requests: `driver`, `count` (a number or `all`), `device_ids`, `capabilities`, `options`.
    func deviceRequests(_ node: YAMLNode, _ what: String) -> [DeviceRequestSpec] {
        guard let items = reader.sequence(node, what) else { return [] }
        return items.compactMap { item in
            guard let pairs = reader.mapping(item, "each item of \(what)") else { return nil }
            var request = DeviceRequestSpec()
            let known: Set<String> = ["driver", "count", "device_ids", "capabilities", "options"]
            for (key, pair) in reader.knownPairs(pairs, known: known, context: "an item of \(what)") {
                switch key {
                case "driver": request.driver = reader.string(pair.value, "`driver`")
                case "count": request.count = pair.value.scalar?.value == "all" ? -1 : reader.int(pair.value, "`count` (a number or `all`)")
                case "device_ids": request.deviceIDs = reader.stringList(pair.value, "`device_ids`")
                case "capabilities": request.capabilities = reader.stringList(pair.value, "`capabilities`")
                default: request.options = reader.stringMap(pair.value, "`options`")
                }
            }
            return request
        }
    }

    /// `gpus: all` or a list of device requests; each asks for the `gpu` capability, as Compose does.
    func gpus(_ node: YAMLNode) -> [DeviceRequestSpec] {
        if let text = node.scalar?.value, node.sequence == nil {
            guard text == "all" else {
                sink.error(node.mark, "`gpus: \(text)`: write `gpus: all` or a list like `[{driver: nvidia, count: 1}]`")
                return []
            }
            return [DeviceRequestSpec(count: -1)]
        }
        return deviceRequests(node, "`gpus`")
    }

    /// `missing`/`if_not_present` (pull when the host lacks the image) and `never`; the timed and `always`
    /// policies are refused: reconcile follows registries through `x-reconcile.updates` instead.
    func pullPolicy(_ node: YAMLNode) -> String? {
        guard let text = reader.string(node, "`pull_policy`") else { return nil }
        switch text {
        case "missing", "if_not_present": return "missing"
        case "never": return "never"
        case "build":
            sink.error(node.mark, "`pull_policy: build`: reconcile does not build images; push the image and pull it")
        default:
            sink.error(node.mark, "`pull_policy: \(text)` is not supported: reconcile pulls a missing image and follows "
                           + "moved tags with `x-reconcile.updates` (e.g. `{mode: digest, interval: 24h}`); "
                           + "use `missing` or `never`, or remove the key")
        }
        return nil
    }
}
