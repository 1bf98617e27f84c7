import Basics
import FoundationEssentials
import Planner
import Spec

/// The desired stack as history keeps it: every service's canonical config, environment redacted,
/// empty fields left out so `history show` reads like the compose file it came from.
///
/// `hashes` names each service's config hash, whose full (redacted) config the Store keeps:
/// `reconcile rollback` rebuilds an earlier revision exactly from those, not from the pruned text.
enum RecordedSpec {
    struct Document: Encodable {
        var services: [String: CanonicalConfig]
        var hashes: [String: String]
    }

    static func json(_ plan: StackPlan, redactor: Redactor) -> String {
        var document = Document(services: [:], hashes: [:])
        for action in plan.actions {
            guard let desired = action.desired else { continue }
            document.services[desired.service.name] = redactor.redact(desired)
            if let hash = desired.hash { document.hashes[desired.service.name] = hash }
        }
        guard let data = try? JSONEncoder().encode(document), let value = JSONValue.parse(data) else { return "{}" }
        return (prune(value) ?? .object([:])).prettyPrinted
    }

    /// Service name → config hash, as recorded; empty for revisions recorded before hashes were.
    static func hashes(_ spec: String) -> [String: String] {
        guard let recorded = JSONValue.parse(Data(spec.utf8))?["hashes"]?.object else { return [:] }
        let hashes = recorded.compactMapValues(\.string)
        return hashes.count == recorded.count ? hashes : [:]
    }

    /// Drops nulls, `false`, empty arrays and empty objects, recursively (an array is dropped when empty
    /// before its elements are pruned, as it always was).
    static func prune(_ value: JSONValue) -> JSONValue? {
        switch value {
        case let .object(members):
            let kept = members.compactMapValues(prune)
            return kept.isEmpty ? nil : .object(kept)
        case let .array(elements):
            return elements.isEmpty ? nil : .array(elements.compactMap(prune))
        case .null, .bool(false):
            return nil
        default:
            return value
        }
    }
}
