import Foundation
import Spec

/// A throwaway repository with one host and one stack whose files a case writes byte for byte.
struct HostileRepo {
    let root: URL
    static let stack = "target"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString.prefix(8))")
        try write("hosts/lab.yaml", Data("endpoint: unix:///var/run/docker.sock\n".utf8))
    }

    var stackFolder: URL { root.appendingPathComponent("stacks/\(Self.stack)") }

    func write(_ relative: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    func compose(_ text: String) throws { try write("stacks/\(Self.stack)/compose.yaml", text) }

    func compose(bytes: Data) throws { try write("stacks/\(Self.stack)/compose.yaml", bytes) }

    /// A valid stack that mounts `./<source>` from the stack folder.
    func mounting(_ source: String) throws {
        try compose("""
        x-reconcile: {hosts: [lab]}
        services:
          web:
            image: lab/app:1
            volumes: ["./\(source):/data"]
        """)
    }

    func symlink(_ relative: String, to target: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func load() -> LoadResult { RepositoryLoader.load(root: root.path, environment: ["HOME": "/home/tester"]) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Wall time and the process's peak resident memory around one case, printed for the closing note
/// (figures only: nothing here asserts on time).
enum CaseMeter {
    static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print("hostile-case \(name): \(String(format: "%.1f", milliseconds)) ms, process peak RSS \(usage.ru_maxrss / 1024) MiB")
        return result
    }
}
