/// The newest tag a rule allows in place of the current one.
public struct TagCandidate: Sendable, Hashable {
    public var current: SemanticVersion
    public var candidate: SemanticVersion
    /// The step between them (`1.2.0 → 1.3.0` is `minor`).
    public var step: VersionStep
}

public enum TagCandidates {
    /// The newest of `tags` that is written like `current` (prefix, number count, variant), newer than it,
    /// within `rule.allow`, matching `rule.match`, and a release unless `rule.prereleases`; nil when none is.
    /// A current tag that is not a version (`latest`) has no candidates.
    public static func best(current: String, tags: [String], rule: VersionRule) -> TagCandidate? {
        guard let now = SemanticVersion(tag: current) else { return nil }
        let pattern = rule.match.flatMap { try? Regex($0) }  // checked at load; an invalid one matches nothing below
        if rule.match != nil, pattern == nil { return nil }
        var best: TagCandidate?
        for tag in tags {
            guard let version = SemanticVersion(tag: tag), now.isSameShape(as: version),
                  rule.prereleases || !version.isPrerelease,
                  let step = now.step(to: version), step <= rule.allow else { continue }
            if let pattern, (try? pattern.firstMatch(in: tag)) == nil { continue }
            if best.map({ $0.candidate < version }) ?? true {
                best = TagCandidate(current: now, candidate: version, step: step)
            }
        }
        return best
    }
}
