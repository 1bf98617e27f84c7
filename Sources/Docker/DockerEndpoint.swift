import Basics
import HTTP

/// Turns the `endpoint:` of a host file into a transport `Endpoint`.
public enum DockerEndpoint {
    /// A host-file endpoint that cannot be used, and why.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var input: String
        public var reason: String
        public var description: String { "endpoint \"\(input)\": \(reason)" }
    }

    /// Parses `unix:///path` or `tcp://host:port`. A `tcp://` endpoint needs
    /// `tls` (CA + client certificate + key) unless `insecure` is true.
    public static func parse(_ string: String, tls: TLSConfig?, insecure: Bool) throws(ParseError) -> Endpoint {
        let text = string.trimmingWhitespace()
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/") else { throw ParseError(input: string, reason: "a unix socket path must be absolute, e.g. unix:///var/run/docker.sock") }
            guard path.utf8.count < 108 else { throw ParseError(input: string, reason: "unix socket paths must be shorter than 108 bytes") }
            return Endpoint(address: .unixSocket(path: path))
        }
        guard text.hasPrefix("tcp://") else {
            throw ParseError(input: string, reason: "expected unix:///path or tcp://host:port")
        }
        let (host, port) = try hostAndPort(String(text.dropFirst("tcp://".count)), input: string)
        if let tls {
            guard tls.ca != nil, tls.cert != nil, tls.key != nil else {
                throw ParseError(input: string, reason: "TLS needs ca, cert and key: the engine must verify this client (mutual TLS)")
            }
            return Endpoint(address: .tcp(host: host, port: port), tls: tls)
        }
        guard insecure else {
            throw ParseError(input: string, reason: "tcp:// without TLS is refused: the Docker API is root on that host, and an unencrypted, unauthenticated port lets anyone on the VLAN take it over. Add tls {ca, cert, key}, or set insecure: true if you accept that risk")
        }
        return Endpoint(address: .tcp(host: host, port: port))
    }

    private static func hostAndPort(_ rest: String, input: String) throws(ParseError) -> (String, Int) {
        let authority = rest.hasSuffix("/") ? String(rest.dropLast()) : rest
        let host: String
        let portText: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            portText = authority[authority.index(after: close)...].drop { $0 == ":" }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            throw ParseError(input: input, reason: "tcp:// endpoints need a port, e.g. tcp://10.0.0.5:2376")
        }
        guard !host.isEmpty, !host.contains("/") else { throw ParseError(input: input, reason: "missing or malformed host name") }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw ParseError(input: input, reason: "port must be a number from 1 to 65535")
        }
        return (host, port)
    }
}
