/// Where a stack runs: an explicit host list or a selector over host vlan/labels.
public enum Placement: Sendable, Codable, Hashable {
    case hosts([String])
    case selector(vlan: String?, labels: [String: String])

    /// Whether `host` is one of this placement's targets.
    public func matches(_ host: HostSpec) -> Bool {
        switch self {
        case .hosts(let names):
            return names.contains(host.name)
        case .selector(let vlan, let labels):
            if let vlan, host.vlan != vlan { return false }
            return labels.allSatisfy { host.labels[$0.key] == $0.value }
        }
    }
}
