import FoundationEssentials

/// Plain-text rendering for `reconcile images`: one block per image, then one line per registry.
extension ImagesReport {
    public var text: String {
        var out = ""
        if images.isEmpty { out += "no images are watched (no stack follows tags)\n" }
        for image in images {
            out += "\(image.reference)\n"
            if image.usedAs != [image.reference] { out += "  used as:    \(image.usedAs.joined(separator: ", "))\n" }
            out += "  digest:     \(image.digest ?? "unknown (not checked yet)")\(image.source.map { " [\($0)]" } ?? "")\n"
            if let checked = image.checkedAt { out += "  checked:    \(Self.moment(checked, now: generatedAt))\n" }
            if let next = image.nextCheckAt { out += "  next check: \(Self.moment(next, now: generatedAt))\n" }
            if image.failures > 0 {
                out += "  backing off after \(image.failures) failed check\(image.failures == 1 ? "" : "s")"
                out += image.lastError.map { ": \($0)" } ?? ""
                out += "\n"
            }
            if let registry = registries.first(where: { $0.registry == image.registry }), let until = registry.pausedUntil {
                out += "  registry paused until \(Self.moment(until, now: generatedAt))\n"
            }
        }
        for registry in registries {
            out += "registry \(registry.registry): \(registry.requestsThisHour)/\(registry.budgetPerHour) requests this hour"
            if let until = registry.pausedUntil {
                out += "; paused until \(Self.moment(until, now: generatedAt))"
                out += registry.pauseReason.map { " (\($0))" } ?? ""
            }
            out += "\n"
        }
        return out
    }

    /// `2026-11-25 18:21:07Z (in 5h 59m)` — absolute for logs, relative for people.
    static func moment(_ date: Date, now: Date) -> String {
        let style = Date.ISO8601FormatStyle(dateTimeSeparator: .space, timeZone: .gmt)
        let delta = date.timeIntervalSince(now)
        let span = duration(abs(delta))
        let relative = abs(delta) < 1 ? "now" : (delta > 0 ? "in \(span)" : "\(span) ago")
        return "\(date.formatted(style)) (\(relative))"
    }

    /// 3725 → `1h 2m`; 45 → `45s`.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        let (days, hours, minutes, secs) = (total / 86400, total % 86400 / 3600, total % 3600 / 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(secs)s" }
        return "\(secs)s"
    }
}
