import Foundation

/// A real Mosquitto broker (Debian's package) on a free loopback port, with its own config and persistence
/// directory, so it can be stopped and started again with its sessions and queued messages kept.
final class Mosquitto: @unchecked Sendable {
    let port: Int
    let directory: URL
    private var process: Process?

    static let binary = "/usr/sbin/mosquitto"
    static let publisher = "/usr/bin/mosquitto_pub"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mosquitto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        port = try FreePort.pick()
        let config = """
            listener \(port) 127.0.0.1
            allow_anonymous true
            user root
            persistence true
            persistence_location \(directory.appendingPathComponent("data").path)/
            log_dest file \(directory.appendingPathComponent("broker.log").path)
            log_type all
            """
        try config.write(to: directory.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
    }

    /// Starts the broker and waits until it accepts connections.
    func start() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw MosquittoError(message: "\(Self.binary) is missing: run `scripts/deps --lab` (package mosquitto)")
        }
        let process = Process()
        // The test process blocks SIGTERM in its threads and a child inherits the mask, so the broker would never
        // see `terminate()`: clear the mask, then exec the broker.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
                             + "os.execv(sys.argv[1], sys.argv[1:])",
                             Self.binary, "-c", directory.appendingPathComponent("mosquitto.conf").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        for _ in 0..<250 {
            if FreePort.accepts(port) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw MosquittoError(message: "mosquitto did not listen on \(port); see \(directory.path)/broker.log")
    }

    /// SIGTERM, as a service manager stops it: Mosquitto writes its persistence file on the way out.
    func stop() async {
        guard let process, process.isRunning else { return }
        process.terminate()
        // Polled, not waitUntilExit: that blocks a thread of the test's cooperative pool.
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        self.process = nil
    }

    /// Publishes at QoS 1 with mosquitto_pub, as a CI job would.
    func publish(topic: String, _ message: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.publisher) else {
            throw MosquittoError(message: "\(Self.publisher) is missing: run `scripts/deps --lab` (package mosquitto-clients)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.publisher)
        process.arguments = ["-h", "127.0.0.1", "-p", String(port), "-q", "1", "-t", topic, "-m", message]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        guard process.terminationStatus == 0 else {
            throw MosquittoError(message: "mosquitto_pub exited with \(process.terminationStatus)")
        }
    }

    var log: String { (try? String(contentsOf: directory.appendingPathComponent("broker.log"), encoding: .utf8)) ?? "" }

    func remove() {
        process?.terminate()
        try? FileManager.default.removeItem(at: directory)
    }
}

struct MosquittoError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Loopback ports for servers a test starts.
enum FreePort {
    /// A port the kernel just handed out on 127.0.0.1 (bound, read, closed).
    static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MosquittoError(message: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw MosquittoError(message: "bind() on 127.0.0.1 failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
