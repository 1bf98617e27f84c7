@testable import Controller
import Docker
import Foundation
import Planner
import Testing

/// A fill cut short (reconcile killed between creating the volume and unpacking into it) must not pass for shipped.
@Suite("Repo files: an interrupted fill is redone", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct InterruptedFillTests {
    @Test func leftoverHelperMeansTheVolumeIsFilledAgain() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let port = Int.random(in: 50000..<60000)
        try RepoFilesTests().filesStack(repo, host: "iot", port: port)
        try repo.commit("files")

        // What a killed pass leaves: the helper and its (empty) volume, exactly as FileShipper names them.
        let site = try RepoContent.read(repo.root.path + "/stacks/\(repo.stack("files"))/site")
        let volume = FileShipper.volumeName(project: repo.stack("files"), service: "web", content: site, readOnly: true)
        let docker = try repo.docker("iot")
        var host = HostConfig()
        host.mounts = [Mount(type: .volume, source: volume, target: FileShipper.helperPath, volumeOptions: Mount.VolumeOptions(
            noCopy: true, labels: [ManagedLabels.stack: repo.stack("files"), RepoFileLabels.files: site.hash]))]
        try await docker.createContainer(name: "\(volume)-fill", ContainerCreateRequest(
            config: ContainerConfig(image: "lab/app:1", cmd: ["x"], labels: [RepoFileLabels.helper: volume]), hostConfig: host))

        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        #expect(try await RepoFilesTests.fetch(netns: repo.netns("iot"), port: port) == "hello from git \(repo.suffix)\n")
        #expect(try await docker.listContainers(all: true, filters: .label(RepoFileLabels.helper, volume)).isEmpty)
        let requests = repo.requests("iot")
        #expect(requests.contains { $0.hasPrefix("DELETE ") && $0.contains("/volumes/\(volume)") },
                "\(requests)")
    }
}
