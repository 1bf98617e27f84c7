import Foundation
import Schedule
import Spec
import Testing

/// Cross-checks the evaluator against a naive minute-by-minute model built on Foundation's `Calendar`.
///
/// The range avoids DST transitions, where the naive model's rules differ on purpose.
@Suite("Reference model")
struct ReferenceModelTests {
    static let sets: [(String, [WindowSpec])] = [
        ("office hours with lunch freeze", [W.allow("Mon-Fri 09:00-17:00"), W.deny("12:00-13:00")]),
        ("night freeze and six-hourly allows", [W.deny("22:00-02:00"), W.cron(.allow, "0 */6 * * *", minutes: 90)]),
        ("Vixie day OR and frequent short denies", [W.cron(.allow, "0 9 1 * 1", minutes: 60),
                                                    W.cron(.deny, "*/20 * * * *", minutes: 5)]),
        ("weekend freeze and a foreign-zone allow", [W.cron(.deny, "0 18 * * 5", minutes: 62 * 60),
                                                     W.allow("Sat 02:00-04:00", tz: "America/New_York"),
                                                     W.allow("Mon-Wed 07:00-08:30")]),
    ]

    @Test(arguments: sets)
    func agreesWithNaiveModel(_ set: (String, [WindowSpec])) throws {
        let windows = set.1
        let start = at("2026-11-20T00:00:00Z"), minutes = 21 * 24 * 60
        let model = try NaiveModel(windows: windows, hostZone: "Europe/Berlin", start: start, minutes: minutes)
        let rules = evaluator(host: windows)
        var checked = 0
        for minute in stride(from: 4 * 24 * 60, to: minutes - 4 * 24 * 60, by: 7) {
            let now = start.addingTimeInterval(TimeInterval(minute * 60))
            let decision = rules.decision(at: now)
            #expect(decision.open == model.open[minute], "\(now): \(decision.reason)")
            if let next = model.open[minute...].firstIndex(of: true) {
                #expect(decision.nextOpen == start.addingTimeInterval(TimeInterval(next * 60)), "\(now)")
                if let close = model.open[next...].firstIndex(of: false) {
                    #expect(decision.closesAt == start.addingTimeInterval(TimeInterval(close * 60)), "\(now)")
                }
            }
            checked += 1
        }
        #expect(checked > 2000)
    }
}

/// Which minutes are open, computed the slow, obvious way.
struct NaiveModel {
    var open: [Bool]

    init(windows: [WindowSpec], hostZone: String, start: Date, minutes: Int) throws {
        var allowed = [Bool](repeating: false, count: minutes)
        var denied = [Bool](repeating: false, count: minutes)
        for window in windows {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: window.timezone ?? hostZone))
            let length = Int(window.duration.components.seconds) / 60
            for minute in -length..<minutes {
                let instant = start.addingTimeInterval(TimeInterval(minute * 60))
                let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: instant)
                guard let m = c.minute, let h = c.hour, let d = c.day, let mo = c.month, let wd = c.weekday,
                      window.schedule.matches(minute: m, hour: h, day: d, month: mo, weekday: wd - 1) else { continue }
                for covered in max(0, minute)..<min(minutes, minute + length) {
                    if window.kind == .allow { allowed[covered] = true } else { denied[covered] = true }
                }
            }
        }
        let anyAllow = windows.contains { $0.kind == .allow }
        open = (0..<minutes).map { !denied[$0] && (!anyAllow || allowed[$0]) }
    }
}
