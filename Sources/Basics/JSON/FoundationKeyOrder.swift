/// The key order of `JSONSerialization`'s `.sortedKeys`: `compare(_:options: [.numeric, .caseInsensitive,
/// .forcedOrdering], locale: .system)`, i.e. ICU root collation with numeric digit runs, then ties broken left
/// to right by case (lower first) and digit-run length (shorter first).
///
/// Exact for ASCII keys without control characters (checked against Foundation on millions of random pairs,
/// and by `FoundationKeyOrderTests`); other scalars sort after ASCII by code point, where ICU would interleave
/// them. Digit runs compare as CoreFoundation does, in wrapping 64-bit arithmetic.
public enum FoundationKeyOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = elements(a), y = elements(b)
        for (p, q) in zip(x, y) where p.primary != q.primary { return p.primary < q.primary }
        if x.count != y.count { return x.count < y.count }
        for (p, q) in zip(x, y) {
            switch (p, q) {
            case let (.character(c1), .character(c2)) where c1 != c2: return c1 > c2  // `a` (0x61) before `A` (0x41)
            case let (.number(_, digits1), .number(_, digits2)) where digits1 != digits2: return digits1 < digits2
            default: continue
            }
        }
        return false
    }

    /// ICU root order of printable ASCII, letters folded to lower case.
    private static let rootOrder = Array(" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz".unicodeScalars)
    private static let weights: [Unicode.Scalar: Int] = Dictionary(uniqueKeysWithValues: rootOrder.enumerated().map { ($1, $0) })

    private enum Element {
        case character(Unicode.Scalar)
        /// A run of ASCII digits: its value (wrapping, as CoreFoundation computes it) and its length.
        case number(UInt64, digits: Int)

        /// The first collation level, as (group, value): digits sit between `$` and `a`.
        var primary: Primary {
            switch self {
            case let .character(scalar):
                let folded = ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
                guard let weight = weights[folded] else { return Primary(weight: rootOrder.count + Int(scalar.value), number: 0) }
                return Primary(weight: weight, number: 0)
            case let .number(value, _):
                return Primary(weight: weights["0"] ?? 0, number: value)
            }
        }
    }

    private struct Primary: Equatable, Comparable {
        var weight: Int
        var number: UInt64

        static func < (a: Primary, b: Primary) -> Bool {
            (a.weight, a.number) < (b.weight, b.number)
        }
    }

    private static func elements(_ text: String) -> [Element] {
        var out: [Element] = []
        var run: (value: UInt64, digits: Int)?
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                let digit = UInt64(scalar.value - 48)
                run = ((run?.value ?? 0) &* 10 &+ digit, (run?.digits ?? 0) + 1)
                continue
            }
            if let (value, digits) = run { out.append(.number(value, digits: digits)) }
            run = nil
            out.append(.character(scalar))
        }
        if let (value, digits) = run { out.append(.number(value, digits: digits)) }
        return out
    }
}
