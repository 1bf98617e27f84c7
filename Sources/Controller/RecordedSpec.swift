import Foundation
import Planner

/// The desired stack as history keeps it: every service's canonical config, environment redacted,
/// empty fields left out so `history show` reads like the compose file it came from.
enum RecordedSpec {
    static func json(_ plan: StackPlan) -> String {
        var services: [String: CanonicalConfig] = [:]
        for action in plan.actions {
            if let desired = action.desired { services[desired.service.name] = Redaction.redact(desired.canonical) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(["services": services]),
              let object = try? JSONSerialization.jsonObject(with: data),
              let compact = try? JSONSerialization.data(withJSONObject: prune(object) ?? [:],
                                                        options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: compact, as: UTF8.self)
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
