/// One span during which a window is active: `start <= t < end`, in seconds since 1970 (UTC).
struct Occurrence: Hashable, Sendable {
    var start: Double
    var end: Double

    func contains(_ t: Double) -> Bool {
        start <= t && t < end
    }
}
