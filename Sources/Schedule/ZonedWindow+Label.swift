import FoundationEssentials
import Spec
import Zoneinfo

/// How a window and its times read in reasons, in the form people wrote them where possible.
extension ZonedWindow {
    /// `deny window 06:45-07:15 Europe/Berlin`, or `allow window "0 2 * * 6" for 1d12h UTC` for general cron.
    var label: String {
        "\(spec.kind.rawValue) window \(shape) \(zoneName)"
    }

    /// The short form (`Mon-Fri 09:00-17:00`) when the schedule is one start time a day, else cron + length.
    private var shape: String {
        let fields = spec.schedule.expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let seconds = Int(length.rounded(.down))
        if fields.count == 5, let minute = Int(fields[0]), let hour = Int(fields[1]), fields[2] == "*",
           fields[3] == "*", seconds < CivilDate.secondsPerDay, seconds % 60 == 0 {
            let start = hour * 60 + minute, end = (start + seconds / 60) % (24 * 60)
            let days = fields[4] == "*" ? "" : fields[4] + " "
            return "\(days)\(Self.clock(start))-\(Self.clock(end))"
        }
        return "\"\(spec.schedule.expression)\" for \(Self.durationText(seconds))"
    }

    /// `07:15` from minutes after midnight.
    private static func clock(_ minutes: Int) -> String {
        "\(WallTime.pad(minutes / 60)):\(WallTime.pad(minutes % 60))"
    }

    /// `1d12h`, `30m`, `90s` → `1m30s`.
    static func durationText(_ seconds: Int) -> String {
        let parts = [(seconds / 86_400, "d"), (seconds % 86_400 / 3600, "h"), (seconds % 3600 / 60, "m"),
                     (seconds % 60, "s")]
        let text = parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined()
        return text.isEmpty ? "0s" : text
    }
}
