import Basics
import Docker
import FoundationEssentials
import Spec
import Store

/// `reconcile adopt`: write the repository for what a host runs already. Reads the host, writes files, stops nothing.
extension Controller {
    /// Finds the Compose projects and hand-started containers on `hostName`, writes `stacks/<stack>/compose.yaml`
    /// for each (never over an existing folder), places them in the host file, and records each container as
    /// claimed, so the next pass takes over the equal ones and replaces the others.
    public func adopt(host hostName: String, projects: Set<String> = []) async throws -> AdoptReport {
        let loaded = try await BlockingWork.run { [self] in load() }
        // Adoption writes into the repo: only into one without errors, held stacks included.
        guard let repository = loaded.repository, !loaded.hasErrors else {
            throw AdoptError.repository(diagnostics: loaded.diagnostics.map(\.rendered))
        }
        guard let host = repository.host(named: hostName) else {
            throw AdoptError.unknownHost(hostName, known: repository.hosts.map(\.name))
        }
        let client = try HostConnection.open(host, settings: settings, logger: logger, makeTransport: makeTransport).client
        var groups = ProjectDiscovery.groups(try await client.listContainers(all: true))
        if !projects.isEmpty {
            let missing = projects.subtracting(groups.map(\.stack)).sorted()
            guard missing.isEmpty else { throw AdoptError.unknownProjects(missing, found: groups.map(\.stack)) }
            groups = groups.filter { projects.contains($0.stack) }
        }
        let declared = Set(repository.stacks.map(\.name))
        var report = AdoptReport(host: hostName, stacks: [], hostFile: nil)
        for group in groups {
            report.stacks.append(try await adopt(group, client: client, declared: declared))
        }
        let written = report.stacks.filter { $0.refused == nil }
        guard !written.isEmpty else { return report }
        let hostFile = settings.repository.appendingPathComponent(host.source.file)
        let text = try readText(hostFile)
        try writeText(try HostFilePlacement.adding(written.map(\.stack), to: text, file: host.source.file), to: hostFile)
        report.hostFile = host.source.file
        // One writer per state directory: the claims go in while no pass is changing hosts.
        let lock = try await lockStateDirectory()
        defer { withExtendedLifetime(lock) {} }
        let store = try openStore()
        for group in groups where written.contains(where: { $0.stack == group.stack }) {
            for member in group.containers {
                try await store.recordAdoption(AdoptedContainer(host: hostName, containerID: member.id, name: member.name,
                                                                stack: group.stack, service: member.service))
            }
        }
        return report
    }

    /// Writes one stack's folder; a stack that exists already (folder or name) is refused, not overwritten.
    func adopt(_ group: ProjectDiscovery.Group, client: DockerClient, declared: Set<String>) async throws -> AdoptReport.Stack {
        var entry = AdoptReport.Stack(stack: group.stack, project: group.project, source: nil,
                                      containers: group.containers.map(\.name).sorted(), notes: [], refused: nil)
        let folder = settings.repository.appendingPathComponent("stacks/\(group.stack)")
        if FileManager.default.fileExists(atPath: folder.path) || declared.contains(group.stack) {
            entry.refused = "stacks/\(group.stack) exists already; it is left as it is (move it away, or name other projects with --project)"
            return entry
        }
        if let original = readableOriginal(group) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try writeText(try readText(URL(fileURLWithPath: original)), to: folder.appendingPathComponent("compose.yaml"))
            entry.source = "original \(original)"
            if let dir = group.workingDir, FileManager.default.isReadableFile(atPath: dir + "/.env") {
                try writeText(try readText(URL(fileURLWithPath: dir + "/.env")), to: folder.appendingPathComponent(".env"))
                entry.notes.append("copied \(dir)/.env")
            }
            if let dir = group.workingDir {
                entry.notes.append("relative bind mounts (./x) become host data under the host's `data:` root, "
                                   + "<data>/\(group.stack)/x; they were in \(dir)")
            }
            return entry
        }
        var members: [ComposeReconstruction.Member] = []
        for member in group.containers {
            let inspect = try await client.inspectContainerDocument(member.id)
            let image = try await client.inspectImageDocument(inspect["Image"]?.string ?? "")
            members.append(.init(service: member.service, inspect: inspect, image: image,
                                 containerName: group.project == nil ? member.name : nil))
        }
        let (text, notes) = ComposeReconstruction(project: group.project, members: members).document()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let header = "# Reconstructed by `reconcile adopt` from docker inspect of \(entry.containers.joined(separator: ", ")):\n"
            + "# only what differs from the image's defaults.\n"
        try writeText(header + text.rendered(), to: folder.appendingPathComponent("compose.yaml"))
        entry.source = group.project == nil || group.configFiles.isEmpty
            ? "reconstructed from docker inspect"
            : "reconstructed from docker inspect (\(group.configFiles.joined(separator: ", ")) cannot be read here, or is more than one file)"
        entry.notes = notes
        return entry
    }

    /// The project's compose file when it is one file the controller can read (same machine).
    func readableOriginal(_ group: ProjectDiscovery.Group) -> String? {
        guard group.project != nil, group.configFiles.count == 1, let file = group.configFiles.first,
              FileManager.default.isReadableFile(atPath: file) else { return nil }
        return file
    }

    func readText(_ url: URL) throws -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw AdoptError.write(path: url.path, reason: "cannot be read: \(error)")
        }
    }

    /// Writes a new file, never over an existing one — except the host file adopt edits.
    func writeText(_ text: String, to url: URL) throws {
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch {
            throw AdoptError.write(path: url.path, reason: "cannot be written: \(error)")
        }
    }
}
