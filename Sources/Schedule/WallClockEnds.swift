import Zoneinfo

/// Where occurrences end: `length` after their start on the zone's wall clock, not in elapsed time.
///
/// So `deny: "22:00-07:00"` ends at 07:00 local on DST nights too (after 8 or 10 elapsed hours). An end
/// that falls in a gap moves to the end of the gap and a repeated end wall time means its first
/// occurrence, as for starts. Argo CD adds elapsed time instead; for quiet hours the clock on the wall is
/// what people mean. Most ends are a plain addition: the next offset change is looked up once and reused.
struct WallClockEnds {
    let clock: ZoneClock
    let seconds: Int
    /// Starts in `checkedFrom..<quietUntil` have no offset change between them and `quietUntil`.
    private var checkedFrom = Int.max
    private var quietUntil = Int.min

    init(clock: ZoneClock, seconds: Int) {
        self.clock = clock
        self.seconds = seconds
    }

    mutating func end(of start: Int) -> Int {
        let plain = start + seconds
        if start >= checkedFrom, plain < quietUntil { return plain }
        checkedFrom = start
        quietUntil = clock.zone.nextTransition(after: start) ?? Int.max
        if plain < quietUntil { return plain }
        let wallEnd = start + clock.offset(at: start) + seconds
        let end = clock.instants(wall: wallEnd, bothRepeats: false).first ?? plain
        // A start in the second pass of a repeated hour reads its end wall time in the first pass.
        return end > start ? end : plain
    }
}
