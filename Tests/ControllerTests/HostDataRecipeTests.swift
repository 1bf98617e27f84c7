import Basics
import Foundation
import Planner
import Spec
import Testing
@testable import Controller

/// Host data reaches the engine as `HostConfig.Binds` (the engine creates a missing folder on every API version),
/// at the host path under that host's data root, and only that path — never the content — is in the hash.
struct HostDataRecipeTests {
    static let here = Basics.SourceLocation(file: "stacks/paperless/compose.yaml", line: 5, column: 9)

    static func stack(dataRoot: String, readOnly: Bool = false, propagation: String? = nil) -> StackSpec {
        var data = VolumeMount(type: .bind, source: "/repo/stacks/paperless/data", target: "/data", readOnly: readOnly)
        data.hostData = HostData(path: "paperless/data", location: here)
        data.bind = VolumeMount.BindOptions(propagation: propagation, createHostPath: false, selinux: "z")
        var web = ServiceSpec(name: "web", image: "lab/app:1", source: here)
        web.volumes = [data]
        let stack = StackSpec(name: "paperless", projectName: "paperless", directory: "/repo/stacks/paperless",
                              file: "stacks/paperless/compose.yaml", services: [web], placement: nil, listedOn: ["nas"],
                              source: here, policySource: here)
        return stack.placingHostData(under: dataRoot)
    }

    static func desired(_ stack: StackSpec) -> DesiredContainer {
        DesiredContainer(stack: stack, service: stack.services[0], imageID: "sha256:" + String(repeating: "1", count: 64))
    }

    @Test func hostDataIsABindOfItsFolderUnderTheDataRoot() {
        let host = ContainerRecipe.hostConfig(Self.desired(Self.stack(dataRoot: "/mnt/tank/apps/")), networkMode: nil)
        #expect(host.binds == ["/mnt/tank/apps/paperless/data:/data:z"])
        #expect(host.mounts == nil, "a Mounts bind would fail on a missing folder on API 1.41")
        let options = ContainerRecipe.hostConfig(Self.desired(Self.stack(dataRoot: "/srv", readOnly: true, propagation: "rslave")),
                                                 networkMode: nil)
        #expect(options.binds == ["/srv/paperless/data:/data:ro,z,rslave"])
    }

    @Test func theHashFollowsTheHostPathNotTheCheckout() {
        let nas = Self.desired(Self.stack(dataRoot: "/mnt/tank/apps"))
        var moved = Self.stack(dataRoot: "/mnt/tank/apps")
        moved.directory = "/elsewhere/stacks/paperless"
        #expect(Self.desired(moved).hash == nas.hash, "moving the checkout recreates nothing")
        #expect(Self.desired(Self.stack(dataRoot: "/srv/apps")).hash != nas.hash, "another data root is another container")
    }
}
