import Basics
import Docker
import Planner
import Spec
import Testing
@testable import Controller

/// Issue 25: the create body follows the API version the engine was addressed as.
struct ContainerRecipeVersionTests {
    static let v141 = APIVersion(major: 1, minor: 41), v144 = APIVersion(major: 1, minor: 44), v145 = APIVersion(major: 1, minor: 45)
    static let owner = Owner(instance: "default", repository: nil, declaredStacks: [])

    /// A service on two networks with a health check that has a start interval.
    static func desired() -> DesiredContainer {
        var service = ServiceSpec(name: "web", image: "lab/app:1", source: Basics.SourceLocation(file: "c.yaml", line: 1, column: 1))
        service.networks = ["front": ServiceNetwork(), "back": ServiceNetwork(aliases: ["api"])]
        service.healthcheck = Healthcheck(test: ["CMD", "/bin/healthcheck"], interval: .seconds(5), startPeriod: .seconds(10),
                                          startInterval: .seconds(2))
        let stack = StackSpec(name: "web", projectName: "web", directory: "/repo/stacks/web", file: "stacks/web/compose.yaml",
                              services: [service], placement: .hosts(["nas"]), prune: true,
                              source: service.source, policySource: service.source)
        return DesiredContainer(stack: stack, service: service, imageID: "sha256:1")
    }

    @Test func before144OneNetworkAtCreateAndTheOthersConnectedAfter() {
        let request = ContainerRecipe.request(for: Self.desired(), commit: nil, owner: Self.owner, api: Self.v141)
        #expect(request.networkingConfig?.endpointsConfig?.keys.sorted() == ["web_back"])
        #expect(request.hostConfig?.networkMode == "web_back")
        #expect(ContainerRecipe.connectedAfterCreate(Self.desired(), api: Self.v141).map(\.name) == ["web_front"])
    }

    @Test(arguments: [v144, v145])
    func from144EveryNetworkAtCreateAndNothingConnectedAfter(api: APIVersion) {
        let request = ContainerRecipe.request(for: Self.desired(), commit: nil, owner: Self.owner, api: api)
        let endpoints = request.networkingConfig?.endpointsConfig
        #expect(endpoints?.keys.sorted() == ["web_back", "web_front"])
        #expect(endpoints?["web_back"]?.aliases == ["web-web-1", "web", "api"], "the container's name first, as Compose")
        #expect(request.hostConfig?.networkMode == "web_back")
        #expect(ContainerRecipe.connectedAfterCreate(Self.desired(), api: api).isEmpty)
    }

    @Test func startIntervalOnlyWhereTheEngineKnowsIt() {
        let old = ContainerRecipe.request(for: Self.desired(), commit: nil, owner: Self.owner, api: Self.v141)
        let new = ContainerRecipe.request(for: Self.desired(), commit: nil, owner: Self.owner, api: Self.v144)
        #expect(old.config.healthcheck?.startInterval == nil)
        #expect(new.config.healthcheck?.startInterval == 2_000_000_000)
        #expect(new.config.healthcheck?.startPeriod == 10_000_000_000)
    }
}
