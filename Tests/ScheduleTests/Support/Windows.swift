import Basics
import Foundation
import Schedule
import Spec

/// Builds windows the way the loader does (through `CronParser`), so tests exercise the real normalisation.
enum W {
    static let here = SourceLocation.file("hosts/test.yaml")

    /// Short form, e.g. `deny("06:45-07:15")` or `allow("Mon-Fri 09:00-17:00")`.
    static func deny(_ text: String, tz: String? = nil) -> WindowSpec { short(.deny, text, tz) }
    static func allow(_ text: String, tz: String? = nil) -> WindowSpec { short(.allow, text, tz) }

    /// Long form: `cron(.deny, "0 18 * * 5", minutes: 62 * 60)`.
    static func cron(_ kind: WindowSpec.Kind, _ expression: String, minutes: Int, tz: String? = nil) -> WindowSpec {
        do {
            return WindowSpec(kind: kind, schedule: try CronParser.parse(expression), duration: .seconds(minutes * 60),
                              timezone: tz, source: here)
        } catch {
            preconditionFailure("test cron `\(expression)`: \(error)")
        }
    }

    private static func short(_ kind: WindowSpec.Kind, _ text: String, _ tz: String?) -> WindowSpec {
        do {
            let (schedule, duration) = try CronParser.parseShortForm(text)
            return WindowSpec(kind: kind, schedule: schedule, duration: duration, timezone: tz, source: here)
        } catch {
            preconditionFailure("test window `\(text)`: \(error)")
        }
    }
}

/// An instant from RFC 3339 text with an explicit offset, independent of the code under test.
func at(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { preconditionFailure("bad test time \(text)") }
    return date
}

/// An evaluator over host and stack windows, failing the test on a bad zone.
func evaluator(host: [WindowSpec] = [], stack: [WindowSpec] = [], zone: String? = "Europe/Berlin") -> WindowEvaluator {
    do {
        return try WindowEvaluator(hostWindows: host, stackWindows: stack, hostTimeZone: zone)
    } catch {
        preconditionFailure("\(error)")
    }
}
