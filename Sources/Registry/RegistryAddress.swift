import FoundationEssentials
import HTTP

/// Turns registry hosts and token realms into endpoints, keeping the one rule that matters for
/// credentials: plain HTTP only to this machine, HTTPS to everything else.
enum RegistryAddress {
    /// `host:port`, `[::1]:5000` or `host` → host (no brackets) and optional port.
    static func split(_ hostPort: String) -> (host: String, port: Int?) {
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            let host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            return (host, after.hasPrefix(":") ? Int(after.dropFirst()) : nil)
        }
        let parts = hostPort.split(separator: ":")
        if parts.count == 2, let port = Int(parts[1]) { return (String(parts[0]), port) }
        return (hostPort, nil)
    }

    /// 127.0.0.0/8, ::1 and localhost.
    static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The API endpoint of a registry named `host[:port]`.
    static func endpoint(for registry: String) -> Endpoint {
        let (host, port) = split(registry)
        if isLoopback(host) {
            return Endpoint(address: .tcp(host: host, port: port ?? 80))
        }
        return Endpoint(address: .tcp(host: host, port: port ?? 443), tls: TLSConfig())
    }

    /// Splits a token realm URL into where to send the request and its path, refusing plain HTTP
    /// to anything but loopback so credentials and tokens never cross the network in clear text.
    static func realm(_ url: String) throws(RegistryError) -> (endpoint: Endpoint, path: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw .badChallenge(detail: "token realm '\(url)' is not an absolute URL")
        }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        switch scheme {
        case "https":
            return (Endpoint(address: .tcp(host: bare, port: components.port ?? 443), tls: TLSConfig()), path + query)
        case "http" where isLoopback(bare):
            return (Endpoint(address: .tcp(host: bare, port: components.port ?? 80)), path + query)
        default:
            throw .badChallenge(detail: "token realm '\(url)' must use https (plain http is allowed only on loopback)")
        }
    }
}
