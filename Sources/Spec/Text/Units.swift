/// Compose's duration and byte-size syntaxes.
public enum Units {
    /// Go `time.ParseDuration` syntax: `1m30s`, `500ms`, `1.5h`, `10us`; a bare `0` is allowed.
    public static func duration(_ text: String) -> Duration? {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var totalNanos: Double = 0
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6),
                                         ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            totalNanos += value * unit.1
        }
        let nanos = Int64(totalNanos.rounded())
        return .nanoseconds(negative ? -nanos : nanos)
    }

    /// Formats like Go's `Duration.String()` (`1m30s`, `500ms`, `1h0m0s`), the form compose prints.
    public static func goString(_ duration: Duration) -> String {
        let (seconds, attos) = duration.components
        var nanos = seconds * 1_000_000_000 + attos / 1_000_000_000
        if nanos == 0 { return "0s" }
        let sign = nanos < 0 ? "-" : ""
        nanos = abs(nanos)
        if nanos < 1_000_000_000 {
            let (unit, scale): (String, Int64) = nanos < 1_000 ? ("ns", 1) : nanos < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            return sign + fraction(nanos, scale) + unit
        }
        let hours = nanos / 3_600_000_000_000
        let minutes = (nanos / 60_000_000_000) % 60
        let secondsPart = fraction(nanos % 60_000_000_000, 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(secondsPart)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(secondsPart)" }
        return sign + secondsPart
    }

    private static func fraction(_ value: Int64, _ scale: Int64) -> String {
        let whole = value / scale
        var rest = value % scale
        guard rest != 0 else { return String(whole) }
        var digits = String(rest)
        digits = String(repeating: "0", count: String(scale).count - 1 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        rest = 0
        return "\(whole).\(digits)"
    }

    /// Docker's `RAMInBytes`: `512m`, `1g`, `1.5GB`, `1024` (bytes); binary multiples, case-insensitive.
    public static func bytes(_ text: String) -> Int64? {
        let lower = text.lowercased().trimmingSpaces
        let number = lower.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !number.isEmpty, let value = Double(number) else { return nil }
        var suffix = lower.dropFirst(number.count)
        if suffix.hasSuffix("ib") { suffix = suffix.dropLast(2) } else if suffix.hasSuffix("b"), suffix.count == 2 { suffix = suffix.dropLast() }
        let multipliers: [Substring: Double] = ["": 1, "b": 1, "k": 0x1p10, "m": 0x1p20, "g": 0x1p30, "t": 0x1p40, "p": 0x1p50]
        guard let multiplier = multipliers[suffix] else { return nil }
        return Int64(value * multiplier)
    }
}

extension String {
    /// The string without leading/trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
