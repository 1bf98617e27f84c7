import YAML

extension ServiceDecoder {
    /// Kernel, network and resolver settings Compose sends to a plain container as written
    /// (`docker compose config` prints the same values): limits, CPU weight and pinning, swap, OOM score,
    /// user namespace and cgroup parent, resolver search domains and options. Ranges are the engine's.
    func tuning(_ key: String, _ value: YAMLNode, into service: inout ServiceSpec) {
        let what = "`\(key)`"
        switch key {
        case "pids_limit": service.pidsLimit = reader.int(value, what).map(Int64.init)
        case "mem_reservation": service.memReservation = reader.bytes(value, what)
        case "memswap_limit":
            // -1 is "unlimited swap", as Docker takes it; anything else is a size.
            service.memswapLimit = value.scalar?.value == "-1" ? -1 : reader.bytes(value, what)
        case "mem_swappiness": service.memSwappiness = ranged(value, what, 0...100)
        case "cpu_shares": service.cpuShares = reader.int(value, what).map(Int64.init)
        case "cpuset": service.cpuset = reader.string(value, what)
        case "dns_search": service.dnsSearch = reader.stringList(value, what, allowSingle: true)
        case "dns_opt": service.dnsOpt = reader.stringList(value, what)
        case "oom_score_adj": service.oomScoreAdj = ranged(value, what, -1000...1000)
        case "userns_mode": service.usernsMode = reader.string(value, what)
        case "mac_address": service.macAddress = reader.string(value, what)
        case "blkio_config": service.blkioConfig = blkio(value)
        default: service.cgroupParent = reader.string(value, what)
        }
    }

    /// As Compose: `pids_limit` and `mem_reservation` may repeat what `deploy.resources` says, not contradict it.
    func checkTuningAgainstDeploy(_ service: ServiceSpec) {
        let pairs: [(String, Int64?, String, Int64?)] = [
            ("pids_limit", service.pidsLimit, "deploy.resources.limits.pids", service.deploy?.pids),
            ("mem_reservation", service.memReservation, "deploy.resources.reservations.memory", service.deploy?.memoryReservation),
        ]
        for (key, value, deployKey, deployValue) in pairs {
            guard let value, let deployValue, value != deployValue else { continue }
            sink.error(service.location(of: key), "`\(key)` and `\(deployKey)` set different values (\(value), \(deployValue)); "
                           + "Compose refuses that: keep one of them")
        }
    }

    /// `blkio_config`: `weight`, `weight_device`, and the four throttles (`rate` a size for `*_bps`).
    private func blkio(_ node: YAMLNode) -> BlkioConfig? {
        guard let pairs = reader.mapping(node, "`blkio_config`") else { return nil }
        var config = BlkioConfig()
        let known: Set<String> = ["weight", "weight_device", "device_read_bps", "device_write_bps", "device_read_iops",
                                  "device_write_iops"]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "`blkio_config`") {
            let what = "`blkio_config.\(key)`"
            switch key {
            case "weight": config.weight = ranged(pair.value, what, 10...1000)
            case "weight_device": config.weightDevice = deviceValues(pair.value, what, field: "weight")
            case "device_read_bps": config.deviceReadBps = deviceValues(pair.value, what, field: "rate", bytes: true)
            case "device_write_bps": config.deviceWriteBps = deviceValues(pair.value, what, field: "rate", bytes: true)
            case "device_read_iops": config.deviceReadIops = deviceValues(pair.value, what, field: "rate")
            default: config.deviceWriteIops = deviceValues(pair.value, what, field: "rate")
            }
        }
        return config
    }

    /// A list of `{path, <field>}`.
    private func deviceValues(_ node: YAMLNode, _ what: String, field: String, bytes: Bool = false) -> [BlkioConfig.DeviceValue] {
        (reader.sequence(node, what) ?? []).compactMap { item in
            guard let pairs = reader.mapping(item, "each item of \(what)") else { return nil }
            var path: String?, value: Int64?
            for (key, pair) in reader.knownPairs(pairs, known: ["path", field], context: "an item of \(what)") {
                if key == "path" {
                    path = reader.string(pair.value, "`path`")
                } else {
                    value = bytes ? reader.bytes(pair.value, "`\(field)`") : reader.int(pair.value, "`\(field)`").map(Int64.init)
                }
            }
            guard let path, let value else {
                sink.error(item.mark, "each item of \(what) needs `path` and `\(field)`")
                return nil
            }
            return BlkioConfig.DeviceValue(path: path, value: value)
        }
    }

    private func ranged(_ node: YAMLNode, _ what: String, _ range: ClosedRange<Int>) -> Int? {
        guard let number = reader.int(node, what) else { return nil }
        guard range.contains(number) else {
            sink.error(node.mark, "\(what): \(number) is out of range; write a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }
}
