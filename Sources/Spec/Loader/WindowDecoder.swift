import Basics
import FoundationEssentials
import YAML
import Zoneinfo

/// Decodes `windows:` lists (long cron form and `{deny: "06:45-07:15"}` short forms) and validates zones.
struct WindowDecoder {
    let reader: NodeReader
    var sink: DiagnosticSink { reader.sink }

    func windows(_ node: YAMLNode) -> [WindowSpec] {
        guard let items = reader.sequence(node, "`windows`") else { return [] }
        return items.compactMap(window)
    }

    /// An IANA zone name the system's zone database knows.
    func timezone(_ node: YAMLNode) -> String? {
        guard let name = reader.string(node, "`timezone`") else { return nil }
        guard ZoneRules(named: name) != nil else {
            sink.error(node.mark, "unknown time zone `\(name)`; use an IANA name like `Europe/Berlin` or `UTC`")
            return nil
        }
        return name
    }

    private func window(_ node: YAMLNode) -> WindowSpec? {
        guard let pairs = reader.mapping(node, "a window") else { return nil }
        let before = sink.errorCount
        let known: Set<String> = ["kind", "schedule", "duration", "timezone", "allow", "deny"]
        var kind: WindowSpec.Kind?
        var schedule: CronSchedule?
        var duration: Duration?
        var zone: String?
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "a window") {
            let value = pair.value
            switch key {
            case "kind":
                guard let text = reader.string(value, "window `kind`") else { continue }
                kind = WindowSpec.Kind(rawValue: text)
                if kind == nil { sink.error(value.mark, "window `kind` must be `allow` or `deny`, found `\(text)`") }
            case "schedule":
                guard let text = reader.string(value, "window `schedule`") else { continue }
                do { schedule = try CronParser.parse(text) } catch {
                    sink.error(value.mark, "window `schedule`: \(error.message)")
                }
            case "duration": duration = reader.duration(value, "window `duration`")
            case "timezone": zone = timezone(value)
            default:
                if kind != nil || schedule != nil {
                    sink.error(pair.key.mark, "a window uses either `\(key): \"HH:MM-HH:MM\"` or `kind`/`schedule`/`duration`, not both")
                    continue
                }
                kind = key == "allow" ? .allow : .deny
                guard let text = reader.string(value, "window `\(key)`") else { continue }
                do { (schedule, duration) = try CronParser.parseShortForm(text) } catch {
                    sink.error(value.mark, "window `\(key)`: \(error.message)")
                }
            }
        }
        guard sink.errorCount == before else { return nil }
        guard let kind, let schedule, let duration else {
            sink.error(node.mark, "a window needs `kind`, `schedule` and `duration`, or the short form `deny: \"06:45-07:15\"`")
            return nil
        }
        guard duration > .zero else {
            sink.error(node.mark, "a window's duration must be positive")
            return nil
        }
        return WindowSpec(kind: kind, schedule: schedule, duration: duration, timezone: zone, source: node.mark)
    }
}
