/// The `user@host[:port]` of an `ssh://` endpoint, as OpenSSH's client is given it.
public struct SSHAddress: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int

    public init(user: String, host: String, port: Int = 22) {
        self.user = user
        self.host = host
        self.port = port
    }

    /// `ssh://user@host[:port]`; the user is required: reconcile must not log in as whoever runs it by accident.
    public static func parse(_ text: String) -> Result<SSHAddress, SSHAddressError> {
        guard text.hasPrefix("ssh://") else { return .failure(SSHAddressError(reason: "expected ssh://user@host[:port]")) }
        var rest = Substring(text.dropFirst("ssh://".count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let at = rest.lastIndex(of: "@"), at != rest.startIndex else {
            return .failure(SSHAddressError(reason: "name the user, e.g. ssh://deploy@nas.lan"))
        }
        let user = String(rest[..<at])
        let authority = rest[rest.index(after: at)...]
        var host = String(authority)
        var port = 22
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let tail = authority[authority.index(after: close)...]
            if !tail.isEmpty {
                guard tail.hasPrefix(":"), let number = Int(tail.dropFirst()) else { return .failure(.badPort) }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let number = Int(authority[authority.index(after: colon)...]) else { return .failure(.badPort) }
            port = number
        }
        guard (1...65535).contains(port) else { return .failure(.badPort) }
        let forbidden: (Character) -> Bool = { $0 == "/" || $0 == " " || $0 == "@" }
        guard !host.isEmpty, !host.contains(where: forbidden), !host.hasPrefix("-"),
              !user.contains(where: { $0 == "/" || $0 == " " || $0 == ":" }), !user.hasPrefix("-") else {
            return .failure(SSHAddressError(reason: "missing or malformed user or host name"))
        }
        return .success(SSHAddress(user: user, host: host, port: port))
    }

    /// How `known_hosts` names this host: `host` on port 22, `[host]:port` elsewhere.
    public var knownHostsName: String { port == 22 ? host : "[\(host)]:\(port)" }

    public var description: String { "ssh://\(user)@\(host.contains(":") ? "[\(host)]" : host)\(port == 22 ? "" : ":\(port)")" }
}

/// Why an `ssh://` endpoint cannot be used.
public struct SSHAddressError: Error, Sendable, Equatable {
    public var reason: String
    static let badPort = SSHAddressError(reason: "the port must be a number from 1 to 65535, e.g. ssh://deploy@nas.lan:2222")
}
