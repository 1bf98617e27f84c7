import Foundation
import Testing

/// A real OpenSSH server (Debian's openssh-server) inside the lab's `iot` network namespace, fronting that
/// namespace's Docker engine socket. Its own host key and an authorized client key, made here; reached from the
/// test on a loopback port through a socat forwarder into the namespace (the namespace's loopback is its own).
final class LabSSHServer: Sendable {
    let folder: URL
    let port: Int
    /// The engine's socket, as a path on the "remote" host.
    let engineSocket: String

    init(lab: Lab) throws {
        let suffix = String(UUID().uuidString.prefix(6).lowercased())
        folder = URL(fileURLWithPath: "/tmp/rc-ssh-\(suffix)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        engineSocket = try lab.value("IOT_SOCK")
        for key in ["host_key", "client_key", "stranger_key", "other_host_key"] {
            try Self.require(run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", key, "-f", folder.path + "/" + key]))
        }
        try FileManager.default.copyItem(atPath: folder.path + "/client_key.pub", toPath: folder.path + "/authorized_keys")
        port = try Self.freePort()
        try Self.require(run("/bin/bash", [Self.helper, "start", folder.path, "\(port)"]))
        try waitForForwarder()
    }

    var endpoint: String { "ssh://root@127.0.0.1:\(port)" }
    func key(_ name: String) -> String { folder.path + "/" + name }

    /// A `known_hosts` line pinning `hostKey` (the server's own by default) for this server's address.
    func knownHostsLine(hostKey: String = "host_key") throws -> String {
        let pub = try String(contentsOfFile: key(hostKey) + ".pub", encoding: .utf8).split(separator: " ")
        return "[127.0.0.1]:\(port) \(pub[0]) \(pub[1])\n"
    }

    /// `SHA256:…` of one of the keys made here.
    func fingerprint(_ name: String) throws -> String {
        let listed = try run("/usr/bin/ssh-keygen", ["-l", "-f", key(name) + ".pub"]).output
        return String(listed.split(separator: " ")[1])
    }

    /// The host file of an `ssh://` host for this server.
    func hostFile(identity: String = "client_key") -> String {
        """
        endpoint: \(endpoint)
        vlan: iot
        socket: \(engineSocket)
        identity: \(key(identity))
        known_hosts: ssh/known_hosts
        """
    }

    /// Stops sshd and the forwarder; the keys stay when `keepingKeys` (a test of a host that went away).
    func stop(keepingKeys: Bool = false) {
        _ = try? run("/bin/bash", [Self.helper, "stop", folder.path])
        if !keepingKeys { try? FileManager.default.removeItem(at: folder) }
    }

    /// scripts/lab.d/sshd.sh: starts both detached, so no pipe of this process outlives the call.
    static var helper: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/lab.d/sshd.sh").path
    }

    /// The forwarder binds a moment after it starts, sshd a moment later: ready once a connection gets the SSH banner.
    private func waitForForwarder() throws {
        for _ in 0..<100 {
            if Self.banner(port: port).hasPrefix("SSH-2.0-") { return }
            usleep(50_000)
        }
        throw LabSSHError(message: "sshd in lab-iot did not answer on 127.0.0.1:\(port); see \(folder.path)/sshd.log")
    }

    /// The first bytes a loopback port sends within a second, or "".
    private static func banner(port: Int) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var wait = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return "" }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }

    /// A port free on loopback here; the namespace's loopback is empty but for what tests start in it.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw LabSSHError(message: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func require(_ result: (status: Int32, output: String)) throws {
        guard result.status == 0 else { throw LabSSHError(message: result.output) }
    }
}

struct LabSSHError: Error, CustomStringConvertible {
    var message: String
    var description: String { "lab sshd: \(message)" }
}

/// `ssh` processes whose command line names `text` (a control path): what a run may have left behind.
func sshProcesses(naming text: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry),
              let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        // A persistent master retitles itself `ssh: <control path> [mux]`.
        guard arguments.first.map({ $0 == "ssh" || $0.hasPrefix("ssh: ") || $0.hasSuffix("/ssh") }) == true,
              arguments.contains(where: { $0.contains(text) }) else { return nil }
        return pid
    }
}
