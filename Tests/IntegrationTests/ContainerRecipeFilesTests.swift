import Basics
import Docker
import Planner
import Spec
import Testing
@testable import Controller

/// How shipped repo content is mounted: folders as their volume, single files from the volume's folder.
struct ContainerRecipeFilesTests {
    @Test func repoMountsComeFromShippedVolumesNeverFromTheCheckout() throws {
        var service = ServiceSpec(name: "web", image: "lab/app:1", source: Basics.SourceLocation(file: "c.yaml", line: 1, column: 1))
        var conf = VolumeMount(type: .bind, source: "/repo/stacks/web/app.conf", target: "/etc/app.conf", readOnly: true)
        conf.repoRelativeSource = "stacks/web/app.conf"
        var site = VolumeMount(type: .bind, source: "/repo/stacks/web/site", target: "/www", readOnly: false)
        site.repoRelativeSource = "stacks/web/site"
        service.volumes = [conf, site, VolumeMount(type: .bind, source: "/srv/media", target: "/media")]
        let stack = StackSpec(name: "web", projectName: "web", directory: "/repo/stacks/web", file: "stacks/web/compose.yaml",
                              services: [service], placement: .hosts(["nas"]), prune: true,
                              source: service.source, policySource: service.source)
        let desired = DesiredContainer(stack: stack, service: service, imageID: "sha256:1")
        let shipped = [
            ShippedMount(target: "/etc/app.conf", volume: "web_web_files_aaa", fileName: "app.conf",
                         mountpoint: "/var/lib/docker/volumes/web_web_files_aaa/_data", readOnly: true),
            ShippedMount(target: "/www", volume: "web_web_files_bbb", fileName: nil, mountpoint: "/x", readOnly: false),
        ]
        let request = ContainerRecipe.request(for: desired, commit: nil,
                                              owner: Owner(instance: "default", repository: nil, declaredStacks: []),
                                              files: shipped, api: DockerClient.minimumAPIVersion)
        #expect(request.hostConfig?.binds == ["/var/lib/docker/volumes/web_web_files_aaa/_data/app.conf:/etc/app.conf:ro",
                                              "/srv/media:/media"])
        #expect(request.hostConfig?.mounts == [Mount(type: .volume, source: "web_web_files_bbb", target: "/www", readOnly: false,
                                                     volumeOptions: Mount.VolumeOptions(noCopy: true))])
        #expect(request.config.labels?["reconcile.files"] == "web_web_files_aaa,web_web_files_bbb")
    }
}
