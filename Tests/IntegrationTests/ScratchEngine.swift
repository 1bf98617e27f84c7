import Docker
import Foundation
import HTTP
import Logging

/// A Docker engine of the test's own, in a network namespace it makes, so a test can kill it
/// without disturbing the shared lab engines other tests use.
final class ScratchEngine: @unchecked Sendable {
    let name: String
    let dir: String
    var socket: String { dir + "/d.sock" }
    var endpoint: String { "unix://" + socket }
    private var process: Process?

    init(name: String) {
        self.name = name
        dir = "/tmp/rs-\(name)"
    }

    /// Starts dockerd (again, with the same data) and waits for it to answer.
    func start() async throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: "/var/run/netns/rs-\(name)") {
            try run("/usr/bin/env", ["ip", "netns", "add", "rs-\(name)"])
            try run("/usr/bin/env", ["ip", "-n", "rs-\(name)", "link", "set", "lo", "up"])
        }
        // After a SIGKILL the old pid file and containerd remain, as on a host that crashed.
        try? FileManager.default.removeItem(atPath: dir + "/d.pid")
        _ = try? run("/usr/bin/env", ["pkill", "-f", "^containerd --config \(dir)/"])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
        p.arguments = ["--net=/var/run/netns/rs-\(name)", "dockerd", "--data-root", dir + "/data", "--exec-root",
                       dir + "/exec", "-H", endpoint, "--pidfile", dir + "/d.pid"]
        let log = FileHandle(forWritingAtPath: dir + "/dockerd.log") ?? {
            _ = FileManager.default.createFile(atPath: dir + "/dockerd.log", contents: nil)
            return FileHandle(forWritingAtPath: dir + "/dockerd.log")!
        }()
        p.standardOutput = log
        p.standardError = log
        try p.run()
        process = p
        let client = DockerClient(host: name, transport: CurlTransport(endpoint: Endpoint(address: .unixSocket(path: socket))),
                                  logger: Logger(label: "scratch"))
        for _ in 0..<60 {
            if (try? await client.ping()) != nil { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw LabError("scratch engine \(name) did not answer within 30 s; see \(dir)/dockerd.log")
    }

    /// Copies lab images from the nas engine.
    func load(_ images: [String], from lab: Lab) async throws {
        let nas = "unix://" + (try lab.value("NAS_SOCK"))
        let result = try await runAsync("/bin/bash", ["-c", "docker -H \(nas) save \(images.joined(separator: " ")) | docker -H \(endpoint) load"])
        guard result.status == 0 else { throw LabError("loading images into \(name): \(result.output)") }
    }

    /// SIGKILL: the host is simply gone, as when a VM dies.
    func kill() async {
        guard let p = process else { return }
        Foundation.kill(p.processIdentifier, SIGKILL)
        // Not waitUntilExit: it can block forever off the main run loop.
        for _ in 0..<100 where p.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        process = nil
    }

    /// `destroy` off the cooperative pool, for the normal end of a test.
    func shutdown() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                self.destroy()
                done.resume()
            }.start()
        }
    }

    /// Stops dockerd and its containers for good and removes what the engine left. Idempotent.
    func destroy() {
        guard FileManager.default.fileExists(atPath: dir) else { return }
        if let p = process { p.terminate() }
        _ = try? run("/bin/bash", ["-c", "sleep 2; pkill -f 'dockerd.*\(dir)'; sleep 1; pkill -f 'containerd.*\(dir)'; ip netns del rs-\(name); awk '$2 ~ \"^\(dir)\" {print $2}' /proc/mounts | sort -r | xargs -r umount -l; rm -rf \(dir)"])
    }
}
