import Basics
import Crypto
import Docker
import FoundationEssentials
import Planner
import Sealed
import Spec

/// Ships the repo content a service mounts to its host through the Engine API alone, so a host with no
/// checkout (a VM on another VLAN) gets the files the repo says.
///
/// Each mount's content goes into its own volume named from the stack, service and content hash, filled
/// by `PUT /containers/{id}/archive` into a helper container that is created (never started) from the
/// service's own image, which is already on the host. A volume whose hash exists is complete and is
/// never shipped again: the helper is created together with its volume and removed only after the fill,
/// so a helper still present means an unfinished fill, which is thrown away and done again.
struct FileShipper {
    let client: DockerClient
    let owner: Owner
    /// Opens encrypted repo files; they are shipped decrypted.
    var ageKeys: AgeKeys?

    /// Where the helper container sees the volume.
    static let helperPath = "/reconcile-files"

    /// Ships every repo mount of the service that is not on the host yet; returns how to mount each.
    func ship(_ desired: DesiredContainer) async throws -> [ShippedMount] {
        var shipped: [ShippedMount] = []
        for mount in desired.service.volumes where mount.type == .bind && mount.repoRelativeSource != nil {
            guard let source = mount.source else { continue }
            let content = try RepoContent.read(source, root: mount.repositoryRoot)
            let plain = try content.decrypted(keys: ageKeys, source: mount.repoRelativeSource ?? source)
            shipped.append(try await ship(content, filling: plain, for: mount, of: desired))
        }
        return shipped
    }

    /// `<project>_<service>_files_<hash12>`: equal content, equal name; a writable mount gets its own volume.
    static func volumeName(project: String, service: String, content: RepoContent, readOnly: Bool) -> String {
        let digest = SHA256.hash(data: Data((content.hash + (readOnly ? ":ro" : ":rw")).utf8))
        return "\(project)_\(service)_files_\(HexDigits.string(digest).prefix(12))"
    }

    /// `content` names the volume; `plain` (the same files, decrypted) fills it.
    private func ship(_ content: RepoContent, filling plain: RepoContent, for mount: VolumeMount,
                      of desired: DesiredContainer) async throws -> ShippedMount {
        let name = Self.volumeName(project: desired.stack.projectName, service: desired.service.name, content: content,
                                   readOnly: mount.readOnly)
        var volume = try await find(name)
        if volume != nil {
            let helpers = try await client.listContainers(all: true, filters: .label(RepoFileLabels.helper, name))
            if !helpers.isEmpty {
                for helper in helpers { try await client.removeContainer(helper.id, force: true) }
                try await client.removeVolume(name, force: true)
                volume = nil
            }
        }
        if volume == nil {
            try await fill(name, with: plain, labels: [
                ManagedLabels.stack: desired.stack.name, ManagedLabels.service: desired.service.name,
                RepoFileLabels.files: content.hash, RepoFileLabels.target: mount.target,
            ].merging(owner.labels) { _, ours in ours }, image: desired.service.image)
            volume = try await find(name)
        }
        guard let volume else {
            throw ApplyError.volumeVanished(volume: name, source: mount.repoRelativeSource ?? "", host: client.host)
        }
        if content.fileName != nil, volume.mountpoint == nil {
            throw ApplyError.volumeWithoutMountpoint(volume: name, host: client.host, driver: volume.driver)
        }
        return ShippedMount(target: mount.target, volume: name, fileName: content.fileName,
                            mountpoint: volume.mountpoint, readOnly: mount.readOnly)
    }

    private func find(_ name: String) async throws -> Volume? {
        try await client.listVolumes(filters: DockerFilters(["name": [name]])).first { $0.name == name }
    }

    /// Creates the helper (which creates the labelled volume with it), unpacks the content, removes the helper.
    private func fill(_ name: String, with content: RepoContent, labels: [String: String], image: String) async throws {
        var host = HostConfig()
        host.networkMode = "none"
        host.mounts = [Mount(type: .volume, source: name, target: Self.helperPath,
                             volumeOptions: Mount.VolumeOptions(noCopy: true, labels: labels))]
        let config = ContainerConfig(image: image, cmd: ["reconcile-files-helper"], entrypoint: [],
                                     labels: [RepoFileLabels.helper: name].merging(owner.labels) { _, ours in ours })
        let helper = try await client.createContainer(name: "\(name)-fill",
                                                      ContainerCreateRequest(config: config, hostConfig: host))
        do {
            try await client.putArchive(helper, path: Self.helperPath, tar: TarArchive(content.entries).bytes)
        } catch {
            // A half-filled volume must not pass for complete: drop both now (a crash here is caught next time).
            try? await client.removeContainer(helper, force: true)
            try? await client.removeVolume(name, force: true)
            throw error
        }
        try await client.removeContainer(helper, force: true)
    }
}
