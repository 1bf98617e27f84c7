/// The union of several windows' occurrences as disjoint spans in time order, produced lazily.
///
/// Overlapping or touching occurrences (also across windows) merge, so "the deny windows end" and
/// "the allow windows close" are read off one span instead of chasing each window separately.
struct Coverage: IteratorProtocol {
    private var streams: [ZonedWindow.Occurrences]
    private var heads: [Occurrence?]

    init(_ windows: [ZonedWindow], endingAfter t: Double, startingBy upper: Double) {
        streams = windows.map { $0.occurrences(endingAfter: t, startingBy: upper) }
        heads = []
        for i in streams.indices { heads.append(streams[i].next()) }
    }

    mutating func next() -> Occurrence? {
        guard var merged = popEarliest() else { return nil }
        while let i = earliestIndex(), let head = heads[i], head.start <= merged.end {
            merged.end = max(merged.end, head.end)
            heads[i] = streams[i].next()
        }
        return merged
    }

    private func earliestIndex() -> Int? {
        var best: Int?
        for i in heads.indices {
            guard let head = heads[i] else { continue }
            if let b = best, let current = heads[b], current.start <= head.start { continue }
            best = i
        }
        return best
    }

    private mutating func popEarliest() -> Occurrence? {
        guard let i = earliestIndex() else { return nil }
        let head = heads[i]
        heads[i] = streams[i].next()
        return head
    }
}
