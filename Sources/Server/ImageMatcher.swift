import Spec

/// Which service image references a notice concerns: same registry, repository and tag, in a stack that follows tags.
public enum ImageMatcher {
    /// The references as the repo writes them (what `ApplyRequest.refresh` expects).
    public static func references(for notice: ImageNotice, in repository: Repository) -> Set<String> {
        guard let pushed = try? ImageReference.parse(notice.reference) else { return [] }
        var out: Set<String> = []
        for stack in repository.stacks {
            for service in stack.services where stack.updatePolicy(for: service.name).mode == .digest {
                guard let used = try? ImageReference.parse(service.image), used.digest == nil else { continue }
                if used.repository == pushed.repository, used.effectiveTag == pushed.effectiveTag {
                    out.insert(service.image)
                }
            }
        }
        return out
    }
}
