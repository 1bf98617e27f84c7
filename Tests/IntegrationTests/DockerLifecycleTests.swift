import Docker
import Foundation
import HTTP
import Testing

@Suite("Docker client on the lab engines: container lifecycle", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct DockerLifecycleTests {
    @Test(arguments: [("nas", "1.41"), ("iot", "1.41"), ("modern", "1.45")])
    func createStartStopRenameRemove(host: String, api: String) async throws {
        let docker = try Lab.load().client(host)
        #expect(try await docker.ping() == APIVersion(api))
        let name = Lab.uniqueName("life")
        let renamed = name + "-renamed"
        let label = DockerFilters.label("reconcile.test", name)
        try await withCleanup(docker, containers: [name, renamed]) {
            let id = try await docker.createContainer(name: name, ContainerCreateRequest(
                config: ContainerConfig(image: "lab/app:1", labels: ["reconcile.test": name], stopTimeout: 2)))
            var inspect = try await docker.inspectContainer(name)
            #expect(inspect.id == id)
            #expect(inspect.name == "/\(name)")
            #expect(inspect.state.status == "created")
            #expect(inspect.config.labels?["reconcile.test"] == name)
            #expect(try await docker.listContainers(filters: label).isEmpty)
            #expect(try await docker.listContainers(all: true, filters: label).map(\.state) == ["created"])

            try await docker.startContainer(id)
            try await docker.startContainer(id) // already running: 304, not an error
            inspect = try await docker.inspectContainer(id)
            #expect(inspect.state.running)
            #expect(inspect.state.pid > 0)
            #expect(try await docker.listContainers(filters: label).map(\.id) == [id])

            try await docker.stopContainer(id, timeout: 2)
            inspect = try await docker.inspectContainer(id)
            #expect(!inspect.state.running)
            #expect(inspect.state.status == "exited")

            try await docker.renameContainer(id, to: renamed)
            #expect(try await docker.inspectContainer(renamed).name == "/\(renamed)")
            let gone = await #expect(throws: DockerError.self) { try await docker.inspectContainer(name) }
            #expect(gone?.isNotFound == true)

            try await docker.removeContainer(renamed)
            let removed = await #expect(throws: DockerError.self) { try await docker.inspectContainer(id) }
            #expect(removed?.isNotFound == true)
        }
    }

    @Test func nameConflictCarriesDockersMessage() async throws {
        let docker = try Lab.load().client("nas")
        let name = Lab.uniqueName("dup")
        try await withCleanup(docker, containers: [name]) {
            let request = ContainerCreateRequest(config: ContainerConfig(image: "lab/busybox:1", cmd: ["true"]))
            try await docker.createContainer(name: name, request)
            let error = await #expect(throws: DockerError.self) { try await docker.createContainer(name: name, request) }
            #expect(error?.isConflict == true)
            #expect(error?.description.contains("nas (unix://") == true)
            #expect(error?.description.contains("POST /v1.41/containers/create?name=\(name) → 409: Conflict. The container name \"/\(name)\" is already in use") == true)
        }
    }

    @Test func healthAndPublishedPortsAreVisible() async throws {
        let docker = try Lab.load().client("nas")
        let good = Lab.uniqueName("healthy")
        let bad = Lab.uniqueName("broken")
        try await withCleanup(docker, containers: [good, bad]) {
            var host = HostConfig()
            host.portBindings = ["8080/tcp": [PortBinding(hostIp: "127.0.0.1", hostPort: "")]]
            try await docker.createContainer(name: good, ContainerCreateRequest(config: ContainerConfig(image: "lab/app:2"), hostConfig: host))
            try await docker.createContainer(name: bad, ContainerCreateRequest(config: ContainerConfig(image: "lab/app:broken")))
            try await docker.startContainer(good)
            try await docker.startContainer(bad)
            var goodState = "", badState = ""
            for _ in 0..<40 where goodState != "healthy" || badState != "unhealthy" {
                try await Task.sleep(for: .milliseconds(250))
                goodState = try await docker.inspectContainer(good).state.health?.status ?? ""
                badState = try await docker.inspectContainer(bad).state.health?.status ?? ""
            }
            #expect(goodState == "healthy")
            #expect(badState == "unhealthy")
            let log = try await docker.inspectContainer(bad).state.health?.log ?? []
            #expect(log.last?.exitCode == 1)
            #expect(log.last?.output == "broken on purpose\n")
            let ports = try await docker.inspectContainer(good).networkSettings?.ports?["8080/tcp"] ?? nil
            #expect(ports?.first?.hostIp == "127.0.0.1")
            #expect(Int(ports?.first?.hostPort ?? "") ?? 0 > 0)
        }
    }

    @Test func networksAndVolumesByLabel() async throws {
        let docker = try Lab.load().client("iot")
        let name = Lab.uniqueName("res")
        let labels = ["reconcile.test": name]
        let filter = DockerFilters.label("reconcile.test", name)
        try await withCleanup(docker, containers: [name]) {
            let networkID = try await docker.createNetwork(NetworkCreateRequest(name: name, driver: "bridge", labels: labels))
            let volume = try await docker.createVolume(VolumeCreateRequest(name: name, labels: labels))
            #expect(volume.labels?["reconcile.test"] == name)
            #expect(try await docker.listNetworks(filters: filter).map(\.id) == [networkID])
            #expect(try await docker.listVolumes(filters: filter).map(\.name) == [name])

            var host = HostConfig()
            host.mounts = [Mount(type: .volume, source: name, target: "/data")]
            host.networkMode = name // as Compose does: the first network is the container's mode
            try await docker.createContainer(name: name, ContainerCreateRequest(
                config: ContainerConfig(image: "lab/app:1"), hostConfig: host,
                networkingConfig: NetworkingConfig(endpointsConfig: [name: EndpointSettings(aliases: ["web"])])))
            try await docker.startContainer(name)
            let attached = try await docker.inspectContainer(name).networkSettings?.networks?[name]
            #expect(attached?.networkID == networkID)
            #expect(attached?.aliases?.contains("web") == true)

            let second = try await docker.createNetwork(NetworkCreateRequest(name: name + "-b", labels: labels))
            try await docker.connectNetwork(second, container: name, settings: EndpointSettings(aliases: ["web-b"]))
            let networks = try await docker.inspectContainer(name).networkSettings?.networks ?? [:]
            #expect(networks[name + "-b"]?.aliases?.contains("web-b") == true)
            try await docker.disconnectNetwork(second, container: name)
            #expect(try await docker.inspectContainer(name).networkSettings?.networks?[name + "-b"] == nil)
            try await docker.removeNetwork(second)

            try await docker.removeContainer(name, force: true)
            try await docker.removeNetwork(networkID)
            try await docker.removeVolume(name)
            #expect(try await docker.listNetworks(filters: filter).isEmpty)
            #expect(try await docker.listVolumes(filters: filter).isEmpty)
        }
    }
}
