import FoundationEssentials
import Spec

/// A window bound to its effective zone (its own, else the host's, else UTC): the unit the evaluator sweeps.
struct ZonedWindow: Sendable {
    let spec: WindowSpec
    let clock: ZoneClock
    /// How long each occurrence lasts on the wall clock, in seconds.
    let length: Double
    /// A DST change moves an end by at most this much in elapsed time (2 h covers DST in every zone today).
    static let maxShift = 2.0 * 3600

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
        let lower = Int((t - length - Self.maxShift).rounded(.down))
        let times = CronTimes(spec.schedule, in: clock, from: lower, through: Int(upper.rounded(.down)))
        let whole = length.rounded(.down)
        return Occurrences(times: times, ends: WallClockEnds(clock: clock, seconds: Int(whole)),
                           fraction: length - whole, after: t)
    }

    /// The occurrence active at `t` that lasts longest, if any.
    func occurrence(covering t: Double) -> Occurrence? {
        var best: Occurrence?
        for occurrence in occurrences(endingAfter: t, startingBy: t) where occurrence.contains(t) {
            if occurrence.end > best?.end ?? -.infinity { best = occurrence }
        }
        return best
    }

    /// A window's occurrences in start order, skipping those over by `after`.
    struct Occurrences: Sequence, IteratorProtocol {
        var times: CronTimes
        var ends: WallClockEnds
        let fraction: Double
        let after: Double

        mutating func next() -> Occurrence? {
            while let start = times.next() {
                let occurrence = Occurrence(start: Double(start), end: Double(ends.end(of: start)) + fraction)
                if occurrence.end > after { return occurrence }
            }
            return nil
        }
    }
}
