import Docker
import FoundationEssentials
import Planner

/// Copies data on the host itself: a short-lived container from the service's own image (so no extra image and
/// no agent), with the sources and the snapshot volume mounted, runs `cp -a` and counts both sides. The data never
/// leaves the host; the controller only reads the counts from the helper's log. Works over any Engine API
/// connection, mutual TLS included.
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
    func run(_ action: Action, image: String, sources: [String], snapshot: String?) async throws -> [SnapshotCounts] {
        try await removeLeftovers()
        var host = HostConfig()
        host.networkMode = "none"
        host.binds = sources.enumerated().map { "\($1):\(Self.sourceRoot)/\($0)" + (action == .restore ? "" : ":ro") }
            + (snapshot.map { ["\($0):\(Self.snapshotRoot)" + (action == .restore ? ":ro" : "")] } ?? [])
        let config = ContainerConfig(image: image, cmd: [Self.script(action, count: sources.count)],
                                     entrypoint: ["/bin/sh", "-c"],
                                     labels: [Self.label: serviceName, ManagedLabels.instance: instance], user: "0:0")
        let id = try await client.createContainer(name: "\(serviceName)-snapshot", ContainerCreateRequest(config: config, hostConfig: host))
        let status: Int, output: String
        do {
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

    /// POSIX sh with cp, find, stat, awk and wc: what busybox, Debian and Alpine images all have. A restore
    /// empties each source first, so a restore run twice (after a crash) ends the same.
    static func script(_ action: Action, count: Int) -> String {
        let src = sourceRoot, snap = snapshotRoot
        var lines = [
            "set -e",
            "count() { n=$(find \"$1\" | wc -l); b=$(find \"$1\" -type f -exec stat -c %s {} + | awk '{s+=$1} END {printf \"%.0f\", s}'); echo \"$2 $3 $n $b\"; }",
        ]
        for index in 0..<count {
            switch action {
            case .measure:
                break
            case .take:
                lines.append("mkdir -p \(snap)/\(index) && cp -a \(src)/\(index)/. \(snap)/\(index)/")
            case .restore:
                lines.append("find \(src)/\(index) -mindepth 1 -maxdepth 1 -exec rm -rf {} +")
                lines.append("cp -a \(snap)/\(index)/. \(src)/\(index)/")
            }
            lines.append("count \(src)/\(index) src \(index)")
            if action != .measure { lines.append("count \(snap)/\(index) snap \(index)") }
        }
        lines.append("sync")
        lines.append("echo done")
        return lines.joined(separator: "\n")
    }
}
