import Foundation
import Spec

/// A window bound to its effective zone (its own, else the host's, else UTC): the unit the evaluator sweeps.
struct ZonedWindow: Sendable {
    let spec: WindowSpec
    let clock: ZoneClock
    /// How long each occurrence lasts, in seconds.
    let length: Double

    init(_ spec: WindowSpec, hostTimeZone: String?) throws(WindowError) {
        let name = spec.timezone ?? hostTimeZone ?? "UTC"
        guard let clock = ZoneClock(named: name) else {
            throw WindowError.unknownTimeZone(name, window: spec.source)
        }
        self.spec = spec
        self.clock = clock
        let parts = spec.duration.components
        length = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    var zoneName: String { clock.name }

    /// Occurrences that are still active after `t` (end > t) and start no later than `upper`, by start.
    func occurrences(endingAfter t: Double, startingBy upper: Double) -> Occurrences {
        let lower = Int((t - length).rounded(.down)) + 1
        let times = CronTimes(spec.schedule, in: clock, from: lower, through: Int(upper.rounded(.down)))
        return Occurrences(times: times, length: length)
    }

    /// The occurrence active at `t` that lasts longest, if any.
    func occurrence(covering t: Double) -> Occurrence? {
        var best: Occurrence?
        for occurrence in occurrences(endingAfter: t, startingBy: t) where occurrence.contains(t) {
            if occurrence.end > best?.end ?? -.infinity { best = occurrence }
        }
        return best
    }

    /// The first occurrence starting at or after `t`, within `upper`.
    func firstStart(atOrAfter t: Double, by upper: Double) -> Occurrence? {
        occurrences(endingAfter: t, startingBy: upper).first { $0.start >= t }
    }

    /// A window's occurrences in start order.
    struct Occurrences: Sequence, IteratorProtocol {
        var times: CronTimes
        let length: Double

        mutating func next() -> Occurrence? {
            guard let start = times.next() else { return nil }
            return Occurrence(start: Double(start), end: Double(start) + length)
        }
    }
}
