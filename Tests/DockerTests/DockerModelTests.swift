import Foundation
@testable import Docker
import Testing

@Suite("Docker models: real engine JSON in, request JSON out")
struct DockerModelTests {
    @Test(arguments: [
        ("Id", "id"), ("ImageID", "imageID"), ("ID", "id"), ("IPAMConfig", "ipamConfig"),
        ("OOMKilled", "oomKilled"), ("HostConfig", "hostConfig"), ("status", "status"), ("timeNano", "timeNano"),
    ])
    func dockerKeysBecomeSwiftNames(docker: String, swift: String) {
        #expect(DockerJSON.camel(docker) == swift)
    }

    @Test func inspectOfAnUnhealthyContainerDecodes() throws {
        let inspect = try DockerJSON.decoder.decode(ContainerInspect.self, from: try fixture("container-inspect.json"))
        #expect(inspect.name == "/fx-web")
        #expect(inspect.image.hasPrefix("sha256:"))
        #expect(inspect.state.running)
        #expect(inspect.state.health?.status == "unhealthy")
        #expect(inspect.state.health?.log?.first?.exitCode == 1)
        #expect(inspect.state.health?.log?.first?.output == "broken on purpose\n")
        #expect(inspect.config.labels?["reconcile.stack"] == "web")
        #expect(inspect.config.healthcheck?.test == ["CMD", "/bin/healthcheck"])
        #expect(inspect.hostConfig?.portBindings?["8080/tcp"] == [PortBinding(hostIp: "127.0.0.1", hostPort: "18080")])
        #expect(inspect.networkSettings?.ports?["8080/tcp"]??.first?.hostPort == "18080")
        #expect(inspect.networkSettings?.networks?["bridge"]?.ipAddress?.isEmpty == false)
    }

    @Test func listImageAndVersionDecode() throws {
        let list = try DockerJSON.decoder.decode([ContainerSummary].self, from: try fixture("container-list.json"))
        let web = try #require(list.first { $0.name == "fx-web" })
        #expect(web.labels["reconcile.service"] == "app")
        #expect(web.imageID.hasPrefix("sha256:"))
        #expect(web.state == "running")
        #expect(web.exitCode == nil)
        #expect(web.ports.contains { $0.publicPort == 18080 && $0.privatePort == 8080 && $0.ip == "127.0.0.1" })

        let image = try DockerJSON.decoder.decode(ImageInspect.self, from: try fixture("image-inspect.json"))
        #expect(image.repoTags?.contains("lab/app:1") == true)
        #expect(image.config?.healthcheck?.interval == 1_000_000_000)

        let version = try DockerJSON.decoder.decode(VersionInfo.self, from: try fixture("version.json"))
        #expect(version.apiVersion == "1.41")
        #expect(version.minAPIVersion == "1.12")
    }

    /// The list's status text is the only place a list call tells how a container exited.
    @Test(arguments: [("exited", "Exited (0) 5 minutes ago", 0), ("exited", "Exited (137) About an hour ago", 137),
                      ("running", "Up 2 seconds", nil), ("created", "Created", nil)] as [(String, String, Int?)])
    func exitCodeComesFromTheStatusText(state: String, status: String, code: Int?) throws {
        let json = #"[{"Id":"x","Names":["/x"],"State":"\#(state)","Status":"\#(status)"}]"#
        let summary = try #require(try DockerJSON.decoder.decode([ContainerSummary].self, from: Data(json.utf8)).first)
        #expect(summary.exitCode == code)
    }

    @Test func createBodyMatchesTheFixture() throws {
        var host = HostConfig()
        host.portBindings = ["8080/tcp": [PortBinding(hostIp: "127.0.0.1", hostPort: "18080")]]
        host.restartPolicy = RestartPolicy(name: "unless-stopped")
        host.mounts = [Mount(type: .volume, source: "web-data", target: "/data", readOnly: true),
                       Mount(type: .tmpfs, target: "/run", tmpfsOptions: .init(sizeBytes: 1_048_576))]
        host.`init` = true
        host.nanoCpus = 500_000_000
        let request = ContainerCreateRequest(
            config: ContainerConfig(image: "lab/app:1", cmd: ["/bin/start"], env: ["PORT=8080"],
                                    labels: ["reconcile.stack": "web", "reconcile.service": "app"],
                                    exposedPorts: ["8080/tcp": EmptyObject()],
                                    healthcheck: HealthConfig(test: ["CMD", "/bin/healthcheck"], interval: .seconds(1), retries: 2)),
            hostConfig: host,
            networkingConfig: NetworkingConfig(endpointsConfig: [
                "web_default": EndpointSettings(aliases: ["app"], ipamConfig: EndpointIPAMConfig(ipv4Address: "172.30.0.5")),
            ]))
        let encoded = try JSONSerialization.jsonObject(with: DockerJSON.encoder.encode(request)) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: fixture("create-body.json")) as? NSDictionary
        #expect(encoded == expected)
    }

    @Test(arguments: [
        ("registry:5000/lab/app:2", "registry:5000/lab/app", "2"),
        ("lab/app", "lab/app", "latest"),
        ("registry:5000/lab/app", "registry:5000/lab/app", "latest"),
        ("lab/app@sha256:abc", "lab/app", "sha256:abc"),
    ])
    func imageReferencesSplitIntoNameAndTag(reference: String, name: String, tag: String) {
        let split = DockerClient.splitReference(reference)
        #expect(split.name == name)
        #expect(split.tag == tag)
    }
}
