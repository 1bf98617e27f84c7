import Foundation
import Planner

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

    static func json(_ plan: StackPlan) -> String {
        var document = Document(services: [:], hashes: [:])
        for action in plan.actions {
            guard let desired = action.desired else { continue }
            document.services[desired.service.name] = Redaction.redact(desired.canonical)
            if let hash = desired.hash { document.hashes[desired.service.name] = hash }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(document),
              let object = try? JSONSerialization.jsonObject(with: data),
              let compact = try? JSONSerialization.data(withJSONObject: prune(object) ?? [:],
                                                        options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: compact, as: UTF8.self)
    }

    /// Service name → config hash, as recorded; empty for revisions recorded before hashes were.
    static func hashes(_ spec: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(spec.utf8)) as? [String: Any] else { return [:] }
        return (object["hashes"] as? [String: String]) ?? [:]
    }

    /// Drops nulls, `false`, empty arrays and empty objects, recursively.
    static func prune(_ value: Any) -> Any? {
        switch value {
        case let dict as [String: Any]:
            let kept = dict.compactMapValues(prune)
            return kept.isEmpty ? nil : kept
        case let array as [Any]:
            return array.isEmpty ? nil : array.compactMap(prune)
        case is NSNull:
            return nil
        case let number as NSNumber where String(cString: number.objCType) == "c":
            return number.boolValue ? number : nil
        default:
            return value
        }
    }
}
