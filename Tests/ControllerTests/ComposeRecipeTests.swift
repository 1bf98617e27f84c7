import Basics
import Docker
import Planner
import Spec
import Testing
@testable import Controller

/// Issue 15: the create body says what Compose's says, for the keys the issue added or fixed.
struct ComposeRecipeTests {
    static let owner = Owner(instance: "t", repository: nil, declaredStacks: [])
    /// The floor: networks beyond the first are connected after create, as Compose does there.
    static let api = APIVersion(major: 1, minor: 41)
    let here = Basics.SourceLocation(file: "stacks/web/compose.yaml", line: 1, column: 1)

    func desired(_ services: [ServiceSpec]) -> (StackSpec, (String) -> DesiredContainer) {
        let stack = StackSpec(name: "web", projectName: "web", directory: "/repo/stacks/web", file: "stacks/web/compose.yaml",
                              services: services, placement: .hosts(["nas"]), source: here, policySource: here)
        return (stack, { name in DesiredContainer(stack: stack, service: stack.service(named: name)!, imageID: "sha256:1") })
    }

    @Test func extraHostsGoAsHostColonAddress() {
        #expect(ContainerRecipe.engineExtraHost("db.lan=10.0.0.2") == "db.lan:10.0.0.2")
        #expect(ContainerRecipe.engineExtraHost("v6.lan=::1") == "v6.lan:::1")
        #expect(ContainerRecipe.engineExtraHost("already:10.0.0.3") == "already:10.0.0.3")
    }

    @Test func networkModeServiceNamesTheTargetsContainer() {
        var vpn = ServiceSpec(name: "vpn", image: "gluetun", source: here)
        vpn.containerName = "gluetun"
        var app = ServiceSpec(name: "app", image: "qbittorrent", source: here)
        app.networkMode = "service:vpn"
        app.networks = nil
        let (_, make) = desired([vpn, app])
        #expect(ContainerRecipe.networkMode(make("app")) == "container:gluetun")
        #expect(ContainerRecipe.request(for: make("app"), commit: nil, owner: Self.owner, api: Self.api).networkingConfig == nil)
    }

    @Test func linksCapabilitiesAndDevicesAsCompose() {
        var app = ServiceSpec(name: "app", image: "app", source: here)
        app.links = ["db:database"]
        app.capAdd = ["net_admin", "CAP_SYS_TIME", "ALL"]
        app.gpus = [DeviceRequestSpec(count: -1)]
        app.deploy = DeployResources(pids: 10, devices: [DeviceRequestSpec(driver: "nvidia", capabilities: ["gpu"])])
        let (_, make) = desired([ServiceSpec(name: "db", image: "postgres", source: here), app])
        let request = ContainerRecipe.request(for: make("app"), commit: nil, owner: Self.owner, api: Self.api)
        let endpoint = request.networkingConfig?.endpointsConfig?["web_default"]
        #expect(endpoint?.links == ["web-db-1:database", "web-db-1:db-1", "web-db-1:web-db-1"])
        #expect(endpoint?.aliases == ["web-app-1", "app"])
        #expect(request.hostConfig?.capAdd == ["CAP_NET_ADMIN", "CAP_SYS_TIME", "ALL"])
        #expect(request.hostConfig?.pidsLimit == 10)
        #expect(request.hostConfig?.deviceRequests == [
            DeviceRequest(driver: "nvidia", count: -1, capabilities: [["gpu"]]),
            DeviceRequest(count: -1, capabilities: [["gpu"]]),
        ])
    }
}
