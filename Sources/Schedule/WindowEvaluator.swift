import FoundationEssentials
import Spec

/// Decides whether a stack may change at a given instant, from its host's and its own deploy windows.
///
/// Pure: every answer depends only on the windows and the `Date` passed in. Rules: deny beats allow; when
/// any allow window exists (host or stack), changes happen only inside one; a window's zone is its own,
/// else the host's, else UTC. Ask at the moment of applying each stack, not once per pass: a deny window
/// may begin between planning and applying.
public struct WindowEvaluator: Sendable {
    /// How far ahead `nextOpen`/`closesAt` are searched: a year, plus a day for leap years.
    public static let defaultHorizon: Duration = .seconds(366 * 86_400)

    let allows: [ZonedWindow]
    let denies: [ZonedWindow]
    let displayZone: ZoneClock
    let horizon: Double

    /// Windows from the host file and from the stack's `x-reconcile`; both apply.
    public init(hostWindows: [WindowSpec], stackWindows: [WindowSpec], hostTimeZone: String?,
                horizon: Duration = defaultHorizon) throws(WindowError) {
        var zoned: [ZonedWindow] = []
        for spec in hostWindows + stackWindows { zoned.append(try ZonedWindow(spec, hostTimeZone: hostTimeZone)) }
        allows = zoned.filter { $0.spec.kind == .allow }
        denies = zoned.filter { $0.spec.kind == .deny }
        let zones = Set(zoned.map(\.zoneName))
        let displayName = hostTimeZone ?? (zones.count == 1 ? zones.first : nil) ?? "UTC"
        displayZone = ZoneClock(named: displayName) ?? .utc
        self.horizon = Double(horizon.components.seconds)
    }

    /// The windows that govern `stack` on `host`.
    public init(host: HostSpec, stack: StackSpec, horizon: Duration = defaultHorizon) throws(WindowError) {
        try self.init(hostWindows: host.windows, stackWindows: stack.windows, hostTimeZone: host.timezone,
                      horizon: horizon)
    }

    /// False when no window applies, so changes are always allowed.
    public var hasWindows: Bool { !allows.isEmpty || !denies.isEmpty }

    /// Whether a change may start at `now`; the same answer as `decision(at:).open`, without the search ahead.
    public func isOpen(at now: Date) -> Bool {
        let t = now.timeIntervalSince1970
        if denies.contains(where: { $0.occurrence(covering: t) != nil }) { return false }
        return allows.isEmpty || allows.contains { $0.occurrence(covering: t) != nil }
    }

    /// Whether a change may start at `now`, why, and when that changes.
    public func decision(at now: Date) -> WindowDecision {
        guard hasWindows else {
            return WindowDecision(open: true, reason: "no deploy windows; changes allowed at any time", nextOpen: now,
                                  closesAt: nil, window: nil, timeZone: displayZone.name, pending: nil)
        }
        let span = openSpan(from: now.timeIntervalSince1970)
        return explain(span, at: now)
    }

    /// The first allowed instant at or after `from` and the end of that allowed period, within the horizon.
    func openSpan(from now: Double) -> (start: Double?, end: Double?) {
        let limit = now + horizon
        var denied = Coverage(denies, endingAfter: now, startingBy: limit)
        var allowed = Coverage(allows, endingAfter: now, startingBy: limit)
        var deny = denied.next(), allow = allowed.next()
        var t = now
        while t < limit {
            while let d = deny, d.end <= t { deny = denied.next() }
            if let d = deny, d.start <= t {
                t = d.end
                continue
            }
            if !allows.isEmpty {
                while let a = allow, a.end <= t { allow = allowed.next() }
                guard let a = allow else { return (nil, nil) }
                if a.start > t {
                    t = a.start
                    continue
                }
            }
            let ends = [deny?.start, allows.isEmpty ? nil : allow?.end].compactMap { $0 }
            let end = ends.min().flatMap { $0 < limit ? $0 : nil }
            return (t, end)
        }
        return (nil, nil)
    }
}
