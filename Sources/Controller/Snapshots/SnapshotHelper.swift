import Docker
import FoundationEssentials
import Planner

/// Copies data on the host itself: a short-lived container from the service's own image (so no extra image and
/// no agent), with the sources and the snapshot volume mounted, runs `cp -a` and counts both sides. The data never
/// leaves the host; the controller only reads the counts from the helper's log. Works over any Engine API
/// connection, mutual TLS included. An image without `/bin/sh` falls back to the archive endpoints
/// (`SnapshotHelper+Archive.swift`), which send the data through the controller.
struct SnapshotHelper {
    enum Action: String {
        case measure = "measuring"
        case take = "snapshot"
        case restore = "restore"
    }

    /// The label that marks a helper, valued with the service's container name, so leftovers are found.
    static let label = "reconcile.snapshot.helper"
    static let sourceRoot = "/reconcile-src"
    static let snapshotRoot = "/reconcile-snap"

    let client: DockerClient
    let instance: String
    /// The service's container name, for the helper's name and label.
    let serviceName: String
    let service: String

    /// Runs `action` over `sources` (folders `0…n-1` of `snapshot`); returns the counts of each source, checked
    /// against the copy's when something was copied.
    /// With a `cap`, a copy that passes it stops and throws `CapExceeded`.
    func run(_ action: Action, image: String, sources: [String], snapshot: String?,
             cap: Int64? = nil) async throws -> [SnapshotCounts] {
        try await removeLeftovers()
        var host = HostConfig()
        host.networkMode = "none"
        host.binds = sources.enumerated().map { "\($1):\(Self.sourceRoot)/\($0)" + (action == .restore ? "" : ":ro") }
            + (snapshot.map { ["\($0):\(Self.snapshotRoot)" + (action == .restore ? ":ro" : "")] } ?? [])
        let config = ContainerConfig(image: image, cmd: [Self.script(action, count: sources.count, cap: cap)],
                                     entrypoint: ["/bin/sh", "-c"],
                                     labels: [Self.label: serviceName, ManagedLabels.instance: instance], user: "0:0")
        let id = try await client.createContainer(name: "\(serviceName)-snapshot", ContainerCreateRequest(config: config, hostConfig: host))
        let status: Int, output: String
        do {
            // No shell (a distroless or scratch image): the archive endpoints of this never-started helper instead.
            if try await !client.pathExists(id, path: "/bin/sh") {
                let counts = try await archiveRun(action, container: id, count: sources.count, sources: sources, cap: cap)
                try await client.removeContainer(id, force: true)
                return counts
            }
            do {
                try await client.startContainer(id)
            } catch let error as DockerError {
                throw SnapshotError.cannotRun(service: service, host: client.host, action: action.rawValue, image: image,
                                              error: "\(error)")
            }
            status = try await client.waitContainer(id, timeout: .seconds(6 * 3600))
            output = try await client.logs(id, tail: 200)
        } catch {
            try await client.removeContainer(id, force: true)
            throw error
        }
        try await client.removeContainer(id, force: true)
        if status == Self.overCapStatus, let line = output.split(separator: "\n").last, line.hasPrefix("over-cap "),
           let bytes = Int64(line.dropFirst("over-cap ".count)) {
            throw CapExceeded(copied: bytes)
        }
        guard status == 0 else {
            let tail = output.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw SnapshotError.helperFailed(service: service, host: client.host, action: action.rawValue, status: status,
                                             log: tail.isEmpty ? "no output" : tail)
        }
        return try verify(Self.report(output), action: action, sources: sources, output: output)
    }

    /// A helper left by a killed run would hold the name (and might still be copying): it holds no data of its own.
    func removeLeftovers() async throws {
        for helper in try await client.listContainers(all: true, filters: .label(Self.label, serviceName)) {
            try await client.removeContainer(helper.id, force: true)
        }
    }

    func verify(_ report: [String: [Int: SnapshotCounts]]?, action: Action, sources: [String],
                output: String) throws -> [SnapshotCounts] {
        guard let report, let measured = report["src"], measured.count == sources.count else {
            throw SnapshotError.unreadableReport(service: service, host: client.host, action: action.rawValue,
                                                 output: String(output.suffix(300)))
        }
        var counts: [SnapshotCounts] = []
        for (index, source) in sources.enumerated() {
            let original = measured[index] ?? .zero
            if action != .measure {
                let copy = report["snap"]?[index] ?? .zero
                guard copy == original else {
                    throw SnapshotError.mismatch(service: service, host: client.host, action: action.rawValue, source: source,
                                                 expected: action == .take ? original : copy,
                                                 found: action == .take ? copy : original)
                }
            }
            counts.append(original)
        }
        return counts
    }

    /// Lines `src|snap <index> <entries> <bytes>` and a final `done`; nil when the script did not finish.
    static func report(_ output: String) -> [String: [Int: SnapshotCounts]]? {
        var result: [String: [Int: SnapshotCounts]] = [:]
        var finished = false
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields == ["done"] { finished = true }
            guard fields.count == 4, ["src", "snap"].contains(fields[0]), let index = Int(fields[1]),
                  let entries = Int64(fields[2]), let bytes = Int64(fields[3]) else { continue }
            result[String(fields[0]), default: [:]][index] = SnapshotCounts(entries: entries, bytes: bytes)
        }
        return finished ? result : nil
    }

    /// The copy passed the snapshot's cap after this many bytes and was stopped.
    struct CapExceeded: Error {
        var copied: Int64
    }
}
