import Basics
import FoundationEssentials
import Spec

/// Why a host reached over SSH could not be used, said in the terms the owner fixes it by.
public struct SSHTunnelError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The host name does not resolve.
        case dns
        /// Nothing accepted the TCP connection, or it timed out.
        case tcp
        /// `known_hosts` holds no key for this host; the offered fingerprint is in the detail.
        case hostKeyUnknown
        /// The host offered a key other than the pinned one.
        case hostKeyChanged
        /// The server refused the key (or the key file is missing).
        case authentication
        /// Logged in, but the engine's socket could not be opened there: missing, or the user not in `docker`.
        case remoteSocket
        /// ssh itself is missing or failed in a way not told apart above.
        case other
    }

    public var host: String
    public var address: SSHAddress
    public var kind: Kind
    /// What ssh said, or the fingerprint offered, or the remote socket path.
    public var detail: String

    public var description: String {
        "host \(host) (\(address)): \(summary)"
    }

    private var summary: String {
        switch kind {
        case .dns: return "DNS: cannot resolve \(address.host) (\(detail)); check the name or use its address"
        case .tcp: return "TCP: cannot connect to \(address.host) port \(address.port) (\(detail)); is the host up and sshd listening there?"
        case .hostKeyUnknown:
            return "host key not pinned: the server offered \(detail), which known_hosts does not hold; refused. "
                + "If that is the host's key (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on it), add it to known_hosts"
        case .hostKeyChanged:
            return "host key CHANGED: the server offered \(detail), not the pinned key; refused. If the host was "
                + "reinstalled, check that fingerprint on its console, then replace its line in known_hosts"
        case .authentication:
            return "authentication failed for user \(address.user) (\(detail)); check `identity:` and that its public key "
                + "is in ~\(address.user)/.ssh/authorized_keys on the host"
        case .remoteSocket:
            return "logged in, but the engine socket \(detail) could not be opened there: it is missing, or user "
                + "\(address.user) is not in the `docker` group (`sudo usermod -aG docker \(address.user)` on the host)"
        case .other: return "ssh failed: \(detail)"
        }
    }
}

extension SSHTunnelError {
    /// Reads what ssh logged when the master did not start. Host keys are never accepted here: for an unknown one,
    /// the offered fingerprint is fetched (`ssh-keyscan`) only to show it.
    static func classify(_ said: String, status: Int32, tunnel: SSHTunnel) async -> SSHTunnelError {
        let lines = said.split(whereSeparator: \.isNewline).map(String.init)
        let last = lines.last { !$0.isEmpty } ?? "ssh exited with status \(status)"
        func error(_ kind: Kind, _ detail: String) -> SSHTunnelError {
            SSHTunnelError(host: tunnel.host, address: tunnel.address, kind: kind, detail: detail)
        }
        if said.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") {
            let offered = lines.first { $0.hasPrefix("SHA256:") }.map { String($0.dropLast($0.hasSuffix(".") ? 1 : 0)) }
            return error(.hostKeyChanged, offered ?? "an unknown fingerprint")
        }
        if said.contains("host key is known for") || said.contains("Host key verification failed") {
            return error(.hostKeyUnknown, await offeredFingerprints(tunnel) ?? "a key (ssh-keyscan could not read it)")
        }
        if said.contains("Could not resolve hostname") { return error(.dns, reason(last)) }
        if let line = lines.first(where: { $0.contains("connect to host") || $0.contains("Connection timed out") }) {
            return error(.tcp, reason(line))
        }
        if said.contains("Permission denied") || said.contains("Too many authentication failures") {
            let missing = lines.first { $0.contains("Identity file") && $0.contains("not accessible") }
            return error(.authentication, missing ?? last)
        }
        if let missing = lines.first(where: { $0.contains("Identity file") && $0.contains("not accessible") }) {
            return error(.authentication, missing)
        }
        if said.contains("open failed") || said.contains("forwarding failed") { return error(.remoteSocket, tunnel.settings.socket) }
        if said.contains("No such file or directory") && said.contains("env") { return error(.other, "ssh is not installed: \(last)") }
        return error(.other, last)
    }

    /// "ssh: connect to host h port 22: Connection refused" → "Connection refused".
    private static func reason(_ line: String) -> String {
        let parts = line.split(separator: ": ", omittingEmptySubsequences: false)
        return parts.last.map(String.init) ?? line
    }

    /// `ED25519 SHA256:…` of what the server offers, from `ssh-keyscan` piped through `ssh-keygen -l`.
    private static func offeredFingerprints(_ tunnel: SSHTunnel) async -> String? {
        let timeout = "\(max(1, tunnel.connectTimeout.components.seconds))"
        let scan = ChildProcess(executable: "/usr/bin/env", arguments: ["ssh-keyscan", "-T", timeout, "-p",
                                                                         "\(tunnel.address.port)", "--", tunnel.address.host])
        guard let keys = try? await scan.runOffPool(timeout: .seconds(15)), !keys.standardOutput.isEmpty else { return nil }
        let print = ChildProcess(executable: "/usr/bin/env", arguments: ["ssh-keygen", "-l", "-f", "-"], input: keys.standardOutput)
        guard let listed = try? await print.runOffPool(timeout: .seconds(5)), listed.status == 0 else { return nil }
        // "256 SHA256:abc [127.0.0.1]:2222 (ED25519)" → "ED25519 SHA256:abc"
        let fingerprints = String(decoding: listed.standardOutput, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 4 else { return nil as String? }
            return "\(fields[fields.count - 1].filter { $0 != "(" && $0 != ")" }) \(fields[1])"
        }
        return fingerprints.isEmpty ? nil : fingerprints.joined(separator: ", ")
    }
}
