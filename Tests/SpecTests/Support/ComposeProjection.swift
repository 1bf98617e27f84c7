import Foundation
import Spec

/// Projects the model into the JSON shape `docker-compose config --format json` prints, for conformance diffs.
enum ComposeProjection {
    static func stack(_ stack: StackSpec) -> [String: Any] {
        [
            "name": stack.projectName,
            "services": Dictionary(uniqueKeysWithValues: stack.services.map { ($0.name, service($0)) }),
            "networks": stack.networks.mapValues(network),
            "volumes": stack.volumes.mapValues(volume),
        ]
    }

    static func service(_ s: ServiceSpec) -> [String: Any] {
        var out: [String: Any] = ["image": s.image]
        out["command"] = s.command
        out["entrypoint"] = s.entrypoint
        out["environment"] = s.environment.mapValues { $0.map { $0 as Any } ?? NSNull() }
        out["networks"] = s.networks?.mapValues(serviceNetwork)
        out["network_mode"] = s.networkMode
        out["ports"] = s.ports.map(port)
        out["expose"] = s.expose
        out["volumes"] = s.volumes.map(mount)
        out["x-injected"] = s.injectedFiles?.map { ["name": $0.name, "target": $0.target, "mode": $0.mode, "content": $0.content] }
        out["tmpfs"] = s.tmpfs
        out["restart"] = s.restart
        out["labels"] = s.labels
        out["healthcheck"] = s.healthcheck.map(healthcheck)
        out["depends_on"] = s.dependsOn.mapValues { edge -> [String: Any] in
            ["condition": edge.condition.rawValue, "required": edge.required, "restart": edge.restart]
        }
        for (key, value) in [("container_name", s.containerName), ("hostname", s.hostname), ("user", s.user),
                             ("working_dir", s.workingDir), ("stop_signal", s.stopSignal), ("pid", s.pid),
                             ("ipc", s.ipc)] {
            out[key] = value
        }
        out["cap_add"] = s.capAdd
        out["cap_drop"] = s.capDrop
        out["devices"] = s.devices.map { ["source": $0.source, "target": $0.target, "permissions": $0.permissions] }
        out["extra_hosts"] = s.extraHosts
        out["links"] = s.links
        out["profiles"] = s.profiles
        out["deploy"] = s.deploy.map(deploy)
        out["gpus"] = s.gpus?.map(deviceRequest)
        out["pull_policy"] = s.pullPolicy
        out["platform"] = s.platform
        out["dns"] = s.dns
        out["logging"] = s.logging.map { ["driver": $0.driver.map { $0 as Any } ?? NSNull(), "options": $0.options] }
        out["stop_grace_period"] = s.stopGracePeriod.map(Units.goString)
        out["sysctls"] = s.sysctls
        out["ulimits"] = s.ulimits.mapValues { limit -> Any in
            limit.single ? limit.soft : ["soft": limit.soft, "hard": limit.hard]
        }
        out["mem_limit"] = s.memLimit.map(String.init)
        // As `config` prints them: sizes (and, oddly, swappiness) as strings, the rest as written.
        out["mem_reservation"] = s.memReservation.map(String.init)
        out["memswap_limit"] = s.memswapLimit.map(String.init)
        out["mem_swappiness"] = s.memSwappiness.map(String.init)
        out["pids_limit"] = s.pidsLimit
        out["cpu_shares"] = s.cpuShares
        out["cpuset"] = s.cpuset
        out["dns_search"] = s.dnsSearch
        out["dns_opt"] = s.dnsOpt
        out["oom_score_adj"] = s.oomScoreAdj
        out["userns_mode"] = s.usernsMode
        out["cgroup_parent"] = s.cgroupParent
        out["mac_address"] = s.macAddress
        out["blkio_config"] = s.blkioConfig.map(blkio)
        out["shm_size"] = s.shmSize.map(String.init)
        out["cpus"] = s.cpus
        for (key, value) in [("privileged", s.privileged), ("read_only", s.readOnly), ("tty", s.tty),
                             ("stdin_open", s.stdinOpen)] {
            out[key] = value
        }
        out["init"] = s.initProcess
        out["security_opt"] = s.securityOpt
        out["group_add"] = s.groupAdd
        return out
    }

    /// As `config` prints it: capitalised device fields, rates as strings.
    private static func blkio(_ b: BlkioConfig) -> [String: Any] {
        let rates = { (values: [BlkioConfig.DeviceValue]?) in values?.map { ["Path": $0.path, "Rate": String($0.value)] } }
        var out: [String: Any] = [:]
        out["weight"] = b.weight
        out["weight_device"] = b.weightDevice?.map { ["Path": $0.path, "Weight": $0.value] }
        out["device_read_bps"] = rates(b.deviceReadBps)
        out["device_write_bps"] = rates(b.deviceWriteBps)
        out["device_read_iops"] = rates(b.deviceReadIops)
        out["device_write_iops"] = rates(b.deviceWriteIops)
        return out
    }

    /// Compose prints memory as a string of bytes and an empty `placement` whenever `deploy` is there.
    private static func deploy(_ d: DeployResources) -> [String: Any] {
        var limits: [String: Any] = [:], reservations: [String: Any] = [:]
        limits["cpus"] = d.cpus
        limits["memory"] = d.memory.map(String.init)
        limits["pids"] = d.pids
        reservations["memory"] = d.memoryReservation.map(String.init)
        reservations["devices"] = d.devices?.map(deviceRequest)
        var resources: [String: Any] = [:]
        if !limits.isEmpty { resources["limits"] = limits }
        if !reservations.isEmpty { resources["reservations"] = reservations }
        return ["resources": resources, "placement": [String: Any]()]
    }

    private static func deviceRequest(_ r: DeviceRequestSpec) -> [String: Any] {
        var out: [String: Any] = [:]
        out["driver"] = r.driver
        out["count"] = r.count
        out["device_ids"] = r.deviceIDs
        if !r.capabilities.isEmpty { out["capabilities"] = r.capabilities }
        out["options"] = r.options
        return out
    }

    private static func serviceNetwork(_ n: ServiceNetwork) -> Any {
        if n == ServiceNetwork() { return NSNull() }
        var out: [String: Any] = ["aliases": n.aliases]
        out["ipv4_address"] = n.ipv4Address
        out["ipv6_address"] = n.ipv6Address
        return out
    }

    private static func port(_ p: PortSpec) -> [String: Any] {
        var out: [String: Any] = ["target": p.target, "protocol": p.protocol, "mode": p.mode]
        if !p.published.isEmpty { out["published"] = p.published }
        if !p.hostIP.isEmpty { out["host_ip"] = p.hostIP }
        out["name"] = p.name
        out["app_protocol"] = p.appProtocol
        return out
    }

    private static func mount(_ m: VolumeMount) -> [String: Any] {
        var out: [String: Any] = ["type": m.type.rawValue, "target": m.target, "read_only": m.readOnly]
        out["source"] = m.source
        out["consistency"] = m.consistency
        out["bind"] = m.bind.map { b -> [String: Any] in
            var bind: [String: Any] = ["create_host_path": b.createHostPath]
            bind["propagation"] = b.propagation
            bind["selinux"] = b.selinux
            return bind
        }
        out["volume"] = m.volume.map { v -> [String: Any] in
            var volume: [String: Any] = ["nocopy": v.nocopy]
            volume["subpath"] = v.subpath
            return volume
        }
        out["tmpfs"] = m.tmpfs.map { t -> [String: Any] in
            var tmpfs: [String: Any] = [:]
            tmpfs["size"] = t.size.map(String.init)
            tmpfs["mode"] = t.mode
            return tmpfs
        }
        return out
    }

    private static func healthcheck(_ h: Healthcheck) -> [String: Any] {
        var out: [String: Any] = ["disable": h.disable]
        out["test"] = h.test
        out["retries"] = h.retries
        for (key, value) in [("interval", h.interval), ("timeout", h.timeout), ("start_period", h.startPeriod),
                             ("start_interval", h.startInterval)] {
            out[key] = value.map(Units.goString)
        }
        return out
    }

    private static func network(_ n: NetworkSpec) -> [String: Any] {
        var out: [String: Any] = ["name": n.name, "external": n.external, "internal": n.isInternal,
                                  "attachable": n.attachable, "driver_opts": n.driverOpts, "labels": n.labels]
        out["driver"] = n.driver
        out["enable_ipv6"] = n.enableIPv6
        out["ipam"] = n.ipam.map { ipam -> [String: Any] in
            var out: [String: Any] = ["options": ipam.options]
            out["driver"] = ipam.driver
            out["config"] = ipam.config.map { pool -> [String: Any] in
                var p: [String: Any] = ["aux_addresses": pool.auxAddresses]
                p["subnet"] = pool.subnet
                p["gateway"] = pool.gateway
                p["ip_range"] = pool.ipRange
                return p
            }
            return out
        }
        return out
    }

    private static func volume(_ v: VolumeSpec) -> [String: Any] {
        var out: [String: Any] = ["name": v.name, "external": v.external, "driver_opts": v.driverOpts, "labels": v.labels]
        out["driver"] = v.driver
        return out
    }
}
