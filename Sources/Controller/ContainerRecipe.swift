import Docker
import Planner
import Spec

/// Turns a desired container into the Engine API's create request, the way Compose maps a service.
enum ContainerRecipe {
    /// The create body for an engine addressed as `api`: from 1.44 every network is in it; before, only
    /// the first (`connectedAfterCreate` lists the rest). `files` says where repo content was shipped
    /// on the host (see `FileShipper`).
    static func request(for desired: DesiredContainer, commit: String?, owner: Owner,
                        files: [ShippedMount] = [], api: APIVersion) -> ContainerCreateRequest {
        let s = desired.service
        var labels = s.labels
        labels[ManagedLabels.stack] = desired.stack.name
        labels.merge(owner.labels) { _, ours in ours }
        labels[ManagedLabels.service] = s.name
        labels[ManagedLabels.hash] = desired.hash
        if let commit { labels[ManagedLabels.commit] = commit }
        if !files.isEmpty { labels[RepoFileLabels.files] = files.map(\.volume).joined(separator: ",") }

        var exposed: [String: EmptyObject] = [:]
        // `expose` as written, as Compose sends it (Docker reads a bare port as tcp).
        for port in s.expose { exposed[port] = EmptyObject() }
        for port in s.ports { exposed["\(port.target)/\(port.protocol)"] = EmptyObject() }

        var config = ContainerConfig(
            image: s.image, cmd: s.command, entrypoint: s.entrypoint,
            // A variable without a value goes as its bare name, as Compose sends it.
            env: s.environment.sorted { $0.key < $1.key }.map { key, value in value.map { "\(key)=\($0)" } ?? key },
            labels: labels, exposedPorts: exposed.isEmpty ? nil : exposed,
            healthcheck: s.healthcheck.map { healthConfig($0, api: api) }, user: s.user, workingDir: s.workingDir,
            hostname: s.hostname, tty: s.tty, openStdin: s.stdinOpen, stopSignal: s.stopSignal,
            stopTimeout: s.stopGracePeriod.map { Int($0.components.seconds) })
        var networks = attachments(desired)
        if api.setsMacAddressPerEndpoint, !networks.isEmpty {
            networks[0].settings.macAddress = s.macAddress
        } else {
            config.macAddress = s.macAddress
        }
        let atCreate = api.createsWithEveryNetwork ? networks : Array(networks.prefix(1))
        return ContainerCreateRequest(
            config: config, hostConfig: hostConfig(desired, networkMode: networkMode(desired) ?? networks.first?.name, files: files),
            networkingConfig: atCreate.isEmpty ? nil : NetworkingConfig(endpointsConfig: Dictionary(
                atCreate.map { ($0.name, $0.settings) }, uniquingKeysWith: { first, _ in first })))
    }

    /// The networks an engine addressed as `api` joins by `POST /networks/{id}/connect` after create.
    static func connectedAfterCreate(_ desired: DesiredContainer, api: APIVersion) -> [(name: String, settings: EndpointSettings)] {
        api.createsWithEveryNetwork ? [] : Array(attachments(desired).dropFirst())
    }

    /// `service:X` → `container:<X's container name>` (Docker knows no services); `createContainer` pins the ID.
    static func networkMode(_ desired: DesiredContainer) -> String? {
        guard let target = desired.service.networkModeService else { return desired.service.networkMode }
        let name = desired.stack.service(named: target).map { DesiredContainer.containerName(stack: desired.stack, service: $0) }
        return "container:" + (name ?? "\(desired.stack.projectName)-\(target)-1")
    }

    /// Docker network name and endpoint settings for each network the service joins, first one first.
    static func attachments(_ desired: DesiredContainer) -> [(name: String, settings: EndpointSettings)] {
        guard desired.service.networkMode == nil, let networks = desired.service.networks else { return [] }
        return networks.sorted { $0.key < $1.key }.enumerated().map { index, network in
            let (key, attachment) = network
            let name = desired.stack.networks[key]?.name ?? "\(desired.stack.projectName)_\(key)"
            let ipam = attachment.ipv4Address == nil && attachment.ipv6Address == nil
                ? nil : EndpointIPAMConfig(ipv4Address: attachment.ipv4Address, ipv6Address: attachment.ipv6Address)
            let links = index == 0 ? links(desired) : []
            // Compose's aliases: the container name and the service name, then the file's own.
            let aliases = [desired.name, desired.service.name] + attachment.aliases
            return (name, EndpointSettings(aliases: aliases, ipamConfig: ipam,
                                           links: links.isEmpty ? nil : links))
        }
    }

    /// `links: [db:database]` as Compose sends them: the target container under the alias, `db-1` and its own name.
    static func links(_ desired: DesiredContainer) -> [String] {
        (desired.service.links ?? []).flatMap { link -> [String] in
            let parts = link.split(separator: ":", maxSplits: 1).map(String.init)
            let target = parts[0], alias = parts.count > 1 ? parts[1] : parts[0]
            let container = desired.stack.service(named: target)
                .map { DesiredContainer.containerName(stack: desired.stack, service: $0) } ?? "\(desired.stack.projectName)-\(target)-1"
            return ["\(container):\(alias)", "\(container):\(target)-1", "\(container):\(container)"]
        }
    }

    static func healthConfig(_ h: Healthcheck, api: APIVersion) -> HealthConfig {
        if h.disable { return HealthConfig(test: ["NONE"]) }
        return HealthConfig(test: h.test, interval: h.interval, timeout: h.timeout, retries: h.retries,
                            startPeriod: h.startPeriod, startInterval: api.hasHealthStartInterval ? h.startInterval : nil)
    }

    static func hostConfig(_ desired: DesiredContainer, networkMode: String?, files: [ShippedMount] = []) -> HostConfig {
        let s = desired.service
        var host = HostConfig()
        var binds: [String] = []
        var mounts: [Mount] = []
        for m in s.volumes {
            if m.type == .bind, m.repoRelativeSource != nil, let shipped = files.first(where: { $0.target == m.target }) {
                // Repo content comes from its shipped volume on the host, never from the checkout's path.
                if let bind = shipped.bind { binds.append(bind) }
                if let mount = shipped.mount { mounts.append(mount) }
                continue
            }
            switch m.type {
            case .bind where m.hostData != nil || (m.bind?.createHostPath ?? true):
                // Compose's short form, and host data always: Binds, which create a missing host path as Compose
                // does on every API version (a `Mounts` bind fails on a missing source).
                let options = [m.readOnly ? "ro" : nil, m.bind?.selinux, m.bind?.propagation].compactMap { $0 }
                binds.append("\(m.source ?? ""):\(m.target)" + (options.isEmpty ? "" : ":" + options.joined(separator: ",")))
            case .volume:
                let name = m.source.map { desired.stack.volumes[$0]?.name ?? $0 }
                mounts.append(Mount(type: .volume, source: name, target: m.target, readOnly: m.readOnly,
                                    volumeOptions: m.volume.map { Mount.VolumeOptions(noCopy: $0.nocopy) }))
            case .tmpfs:
                mounts.append(Mount(type: .tmpfs, target: m.target,
                                    tmpfsOptions: m.tmpfs.map { Mount.TmpfsOptions(sizeBytes: $0.size, mode: $0.mode) }))
            default:
                mounts.append(Mount(type: .bind, source: m.source, target: m.target, readOnly: m.readOnly,
                                    bindOptions: Mount.BindOptions(propagation: m.bind?.propagation)))
            }
        }
        host.binds = binds.isEmpty ? nil : binds
        host.mounts = mounts.isEmpty ? nil : mounts
        var bindings: [String: [PortBinding]] = [:]
        for p in s.ports {
            // No host port (`8080`, `127.0.0.1::8080`) publishes on one the engine picks, as Compose does.
            bindings["\(p.target)/\(p.protocol)", default: []]
                .append(PortBinding(hostIp: p.hostIP.isEmpty ? nil : p.hostIP, hostPort: p.published.isEmpty ? nil : p.published))
        }
        host.portBindings = bindings.isEmpty ? nil : bindings
        host.restartPolicy = s.restart.map(restartPolicy)
        host.networkMode = networkMode
        host.capAdd = s.capAdd.isEmpty ? nil : s.capAdd.map(capability)
        host.capDrop = s.capDrop.isEmpty ? nil : s.capDrop.map(capability)
        host.devices = s.devices.isEmpty ? nil : s.devices.map {
            Docker.DeviceMapping(pathOnHost: $0.source, pathInContainer: $0.target, cgroupPermissions: $0.permissions)
        }
        host.privileged = s.privileged ? true : nil
        host.extraHosts = s.extraHosts.isEmpty ? nil : s.extraHosts.map(engineExtraHost)
        host.dns = s.dns.isEmpty ? nil : s.dns
        // Options without a driver go to the engine's default driver, as Compose sends them.
        host.logConfig = s.logging.flatMap { l in
            l.driver == nil && l.options.isEmpty ? nil : LogConfig(type: l.driver ?? "", config: l.options)
        }
        host.sysctls = s.sysctls.isEmpty ? nil : s.sysctls
        host.ulimits = s.ulimits.isEmpty ? nil : s.ulimits.sorted { $0.key < $1.key }.map {
            Docker.Ulimit(name: $0.key, soft: Int64($0.value.soft), hard: Int64($0.value.hard))
        }
        // `deploy.resources` wins over `mem_limit`/`cpus`, as Compose applies it last.
        host.memory = s.deploy?.memory ?? s.memLimit
        host.nanoCpus = (s.deploy?.cpus ?? s.cpus).map { Int64(($0 * 1e9).rounded()) }
        host.pidsLimit = s.deploy?.pids ?? s.pidsLimit
        host.memoryReservation = s.deploy?.memoryReservation ?? s.memReservation
        host.memorySwap = s.memswapLimit
        host.memorySwappiness = s.memSwappiness
        host.cpuShares = s.cpuShares
        host.cpusetCpus = s.cpuset
        host.dnsSearch = s.dnsSearch
        host.dnsOptions = s.dnsOpt
        host.oomScoreAdj = s.oomScoreAdj
        host.usernsMode = s.usernsMode
        host.cgroupParent = s.cgroupParent
        if let blkio = s.blkioConfig { applyBlkio(blkio, to: &host) }
        let requests = (s.deploy?.devices ?? []).map { deviceRequest($0) } + (s.gpus ?? []).map { deviceRequest($0, gpu: true) }
        host.deviceRequests = requests.isEmpty ? nil : requests
        host.shmSize = s.shmSize
        host.`init` = s.initProcess
        host.readonlyRootfs = s.readOnly ? true : nil
        host.securityOpt = s.securityOpt.isEmpty ? nil : s.securityOpt
        host.groupAdd = s.groupAdd.isEmpty ? nil : s.groupAdd
        host.pidMode = s.pid
        host.ipcMode = s.ipc
        host.tmpfs = s.tmpfs.isEmpty ? nil : Dictionary(s.tmpfs.map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }, uniquingKeysWith: { a, _ in a })
        return host
    }

    /// `blkio_config` in the fields Compose fills.
    static func applyBlkio(_ blkio: BlkioConfig, to host: inout HostConfig) {
        let throttles = { (values: [BlkioConfig.DeviceValue]?) in values?.map { ThrottleDevice(path: $0.path, rate: $0.value) } }
        host.blkioWeight = blkio.weight
        host.blkioWeightDevice = blkio.weightDevice?.map { WeightDevice(path: $0.path, weight: Int($0.value)) }
        host.blkioDeviceReadBps = throttles(blkio.deviceReadBps)
        host.blkioDeviceWriteBps = throttles(blkio.deviceWriteBps)
        host.blkioDeviceReadIOps = throttles(blkio.deviceReadIops)
        host.blkioDeviceWriteIOps = throttles(blkio.deviceWriteIops)
    }

    /// The spec keeps Compose's `host=ip`; every engine takes `host:ip` (20.10 refuses `=`), which Compose sends.
    static func engineExtraHost(_ entry: String) -> String {
        guard let separator = entry.firstIndex(of: "=") else { return entry }
        return entry[..<separator] + ":" + entry[entry.index(after: separator)...]
    }

    /// Compose's device request; `gpus` entries always ask for the `gpu` capability.
    static func deviceRequest(_ spec: DeviceRequestSpec, gpu: Bool = false) -> DeviceRequest {
        let capabilities = spec.capabilities + (gpu && !spec.capabilities.contains("gpu") ? ["gpu"] : [])
        // Neither a count nor IDs means every device, as the Compose specification says.
        let count = spec.count ?? (spec.deviceIDs == nil ? -1 : nil)
        return DeviceRequest(driver: spec.driver, count: count, deviceIDs: spec.deviceIDs,
                             capabilities: capabilities.isEmpty ? nil : [capabilities], options: spec.options)
    }

    /// `NET_ADMIN` → `CAP_NET_ADMIN`, as Compose (and the docker CLI) normalise it; `ALL` stays.
    static func capability(_ name: String) -> String {
        let upper = name.uppercased()
        return upper == "ALL" || upper.hasPrefix("CAP_") ? upper : "CAP_" + upper
    }

    /// `on-failure:3` → name `on-failure`, 3 retries.
    static func restartPolicy(_ value: String) -> RestartPolicy {
        let parts = value.split(separator: ":", maxSplits: 1)
        let name = parts.first.map(String.init) ?? value
        return RestartPolicy(name: name == "no" ? "" : name, maximumRetryCount: parts.count > 1 ? Int(parts[1]) : nil)
    }
}
