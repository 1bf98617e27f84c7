import Foundation
import Planner

/// The desired stack as history keeps it: every service's canonical config, environment redacted.
enum RecordedSpec {
    static func json(_ plan: StackPlan) -> String {
        var services: [String: CanonicalConfig] = [:]
        for action in plan.actions {
            if let desired = action.desired { services[desired.service.name] = Redaction.redact(desired.canonical) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(["services": services])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
