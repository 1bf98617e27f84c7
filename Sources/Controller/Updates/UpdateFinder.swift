import Spec
import Store
import Versions

/// Which services of a repository have a newer version their `policy: semver` allows, from tags already
/// listed (no registry is asked here), leaving out versions that were skipped or rolled back.
public enum UpdateFinder {
    /// - Parameters:
    ///   - tags: the tags known for an image reference as a service writes it; nil when never listed.
    ///   - history: updates recorded before: a skipped version is not proposed again, and after a rollback only
    ///     versions newer than the one rolled back are.
    public static func updates(in stacks: [StackSpec], tags: (String) -> [String]?,
                               history: [VersionUpdateRecord] = []) -> [VersionUpdate] {
        var result: [VersionUpdate] = []
        for stack in stacks {
            for service in stack.services {
                let policy = stack.updatePolicy(for: service.name)
                guard policy.mode == .semver, let rule = policy.versions,
                      let reference = try? ImageReference.parse(service.image), reference.digest == nil,
                      let current = reference.tag, let listed = tags(service.image) else { continue }
                let decided = history.filter { $0.stack == stack.name && $0.service == service.name }
                let allowed = listed.filter { tag in !isRuledOut(tag, by: decided) }
                guard let best = TagCandidates.best(current: current, tags: allowed, rule: rule) else { continue }
                let image = String(service.image.dropLast(current.count + 1))
                result.append(VersionUpdate(stack: stack.name, service: service.name, image: image, current: current,
                                            candidate: best.candidate.tag, step: best.step,
                                            approval: policy.approval ?? .approve))
            }
        }
        return result
    }

    /// A skipped tag, or one not newer than a rolled-back tag.
    static func isRuledOut(_ tag: String, by history: [VersionUpdateRecord]) -> Bool {
        history.contains { record in
            switch record.state {
            case .skipped: return record.candidateTag == tag
            case .rolledBack:
                guard let version = SemanticVersion(tag: tag), let failed = SemanticVersion(tag: record.candidateTag) else {
                    return record.candidateTag == tag
                }
                return version <= failed
            default: return false
            }
        }
    }
}
