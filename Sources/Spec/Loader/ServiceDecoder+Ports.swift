import YAML

extension ServiceDecoder {
    /// Short (`"127.0.0.1:8080:80/udp"`, ranges, `[::1]`) and long port forms, expanded like compose.
    func ports(_ node: YAMLNode) -> [PortSpec] {
        guard let items = reader.sequence(node, "`ports`") else { return [] }
        var result: [PortSpec] = []
        for item in items {
            if let pairs = item.mapping {
                if let port = longPort(pairs, item) { result.append(port) }
            } else if let text = reader.string(item, "each item of `ports`") {
                do {
                    result += try PortSyntax.parse(text)
                } catch {
                    sink.error(item.mark, "invalid port `\(text)`: \(error.message)")
                }
            }
        }
        return result
    }

    private func longPort(_ pairs: [YAMLPair], _ node: YAMLNode) -> PortSpec? {
        let known: Set<String> = ["target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"]
        var port = PortSpec(target: 0)
        var hasTarget = false
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "a port") {
            let what = "port `\(key)`"
            switch key {
            case "target":
                if let target = reader.int(pair.value, what) {
                    port.target = target
                    hasTarget = true
                }
            case "published": port.published = reader.string(pair.value, what) ?? ""
            case "host_ip": port.hostIP = reader.string(pair.value, what) ?? ""
            case "protocol": port.protocol = reader.string(pair.value, what) ?? "tcp"
            case "mode": port.mode = reader.string(pair.value, what) ?? "ingress"
            case "name": port.name = reader.string(pair.value, what)
            default: port.appProtocol = reader.string(pair.value, what)
            }
        }
        guard hasTarget else {
            sink.error(node.mark, "a port in long form needs `target`")
            return nil
        }
        return port
    }
}

/// Compose's short port syntax: `[[host_ip:]published:]target[/protocol]`, with ranges.
enum PortSyntax {
    struct Failure: Error {
        var message: String
    }

    static func parse(_ text: String) throws(Failure) -> [PortSpec] {
        var rest = Substring(text)
        var proto = "tcp"
        if let slash = rest.lastIndex(of: "/") {
            proto = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
            guard ["tcp", "udp", "sctp"].contains(proto) else {
                throw Failure(message: "unknown protocol `\(proto)`; use tcp, udp or sctp")
            }
        }
        var hostIP = ""
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw Failure(message: "missing `]` after the IPv6 address") }
            hostIP = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            guard rest.hasPrefix(":") else { throw Failure(message: "expected `:` after the IPv6 address") }
            rest = rest.dropFirst()
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var published = ""
        let target: String
        switch parts.count {
        case 1: target = parts[0]
        case 2: (published, target) = (parts[0], parts[1])
        case 3:
            guard hostIP.isEmpty else { throw Failure(message: "too many `:`") }
            (hostIP, published, target) = (parts[0], parts[1], parts[2])
        default: throw Failure(message: "too many `:`; write IPv6 addresses in brackets like `[::1]:8080:80`")
        }
        let targets = try range(target, "container port")
        let publishedRange = published.isEmpty ? nil : try range(published, "host port")
        if targets.count == 1 {
            return [PortSpec(target: targets[0], published: published, hostIP: hostIP, protocol: proto)]
        }
        if let publishedRange, publishedRange.count != targets.count {
            throw Failure(message: "the host range has \(publishedRange.count) ports but the container range has \(targets.count)")
        }
        return targets.enumerated().map { index, port in
            PortSpec(target: port, published: publishedRange.map { String($0[index]) } ?? "", hostIP: hostIP,
                     protocol: proto)
        }
    }

    /// `80` or `9000-9002` as the list of ports.
    private static func range(_ text: String, _ what: String) throws(Failure) -> [Int] {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2, let low = Int(bounds[0]), let high = Int(bounds.last ?? ""),
              (0...65535).contains(low), (0...65535).contains(high), low <= high else {
            throw Failure(message: "`\(text)` is not a valid \(what) (0-65535 or a range like 9000-9002)")
        }
        return Array(low...high)
    }
}
