import Basics
import Versions
import YAML

/// `updates: {policy, mode, interval, allow, match, prereleases}` for a stack, and the same block under a
/// service's own `x-reconcile`, which overrides the stack's key by key.
extension ReconcileBlockDecoder {
    static let updateKeys: Set<String> = ["policy", "mode", "interval", "allow", "match", "prereleases"]

    /// Decodes `node` over `base` (the stack's policy when `node` is a service's).
    func updates(_ node: YAMLNode, base: UpdatePolicy, context: String) -> UpdatePolicy {
        var policy = base
        guard let pairs = reader.mapping(node, context) else { return policy }
        var versionKeys: [(String, SourceLocation)] = []
        var rule = base.versions ?? VersionRule(allow: .patch)
        for (key, pair) in reader.knownPairs(pairs, known: Self.updateKeys, context: context) {
            let value = pair.value
            switch key {
            case "interval": policy.interval = reader.duration(value, "`updates.interval`")
            case "policy":
                if let mode = choice(value, key: key, among: UpdatePolicy.Mode.self) { policy.mode = mode }
            case "mode":
                // `mode: digest` was this key's meaning before version policies; it still names the policy.
                guard let text = reader.string(value, "`updates.mode`") else { continue }
                if let mode = UpdatePolicy.Mode(rawValue: text), mode != .semver {
                    policy.mode = mode
                } else if let approval = choice(value, key: key, among: UpdatePolicy.Approval.self) {
                    policy.approval = approval
                    versionKeys.append((key, pair.key.mark))
                }
            case "allow":
                if let step = choice(value, key: key, among: VersionStep.self) { rule.allow = step }
                versionKeys.append((key, pair.key.mark))
            case "match":
                versionKeys.append((key, pair.key.mark))
                guard let pattern = reader.string(value, "`updates.match`") else { continue }
                if let problem = VersionRule.patternProblem(pattern) {
                    sink.error(value.mark, "`updates.match` is not a regular expression: \(problem); "
                                   + "write one such as '^v?\\d+\\.\\d+\\.\\d+$' in single quotes")
                    continue
                }
                rule.match = pattern
            default:
                if let on = reader.bool(value, "`updates.prereleases`") { rule.prereleases = on }
                versionKeys.append((key, pair.key.mark))
            }
        }
        guard policy.mode == .semver else {
            for (key, mark) in versionKeys {
                sink.error(mark, "`updates.\(key)` applies to version updates; add `policy: semver` or remove it")
            }
            policy.versions = nil
            policy.approval = nil
            return policy
        }
        policy.versions = rule
        policy.approval = policy.approval ?? .approve
        return policy
    }

    /// A service's own `x-reconcile: {updates: …}`; nil when it has none. Other keys are stack-wide and refused.
    func serviceUpdates(_ node: YAMLNode, service: String, stack: UpdatePolicy) -> UpdatePolicy? {
        let context = "`services.\(service).x-reconcile`"
        guard let pairs = reader.mapping(node, context) else { return nil }
        var result: UpdatePolicy?
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { continue }
            guard key == "updates" else {
                sink.error(pair.key.mark, "a service's `x-reconcile` takes only `updates`; move `\(key)` to the "
                               + "top-level `x-reconcile`")
                continue
            }
            result = updates(pair.value, base: stack, context: "`services.\(service).x-reconcile.updates`")
        }
        return result
    }

    /// One of `T`'s raw values, or an error listing them with a did-you-mean hint.
    private func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, key: String, among _: T.Type) -> T?
    where T.RawValue == String {
        guard let text = reader.string(node, "`updates.\(key)`") else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        sink.error(node.mark, "unknown `updates.\(key)` value `\(text)`; use \(names.joined(separator: ", "))"
                       + EditDistance.hint(for: text, among: names))
        return nil
    }
}
