/// Go's `strconv.FormatFloat(x, 'f', -1, 64)`: the shortest digits that read back as `x`, never an exponent.
/// SOPS hashes unencrypted floats in this form, so `1.50` in a file is MAC'd as `1.5`.
enum GoFloatText {
    static func plain(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        var text = "\(value)"  // Swift prints the shortest round-tripping digits too, sometimes with an exponent.
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        // Strip leading zeros of the integer part (keeping the point where it is), then place the point.
        while digits.count > 1, digits.first == "0", point > 1 { digits.removeFirst(); point -= 1 }
        if point <= 0 { digits = String(repeating: "0", count: 1 - point) + digits; point = 1 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var integer = String(digits.prefix(point)), fraction = String(digits.dropFirst(point))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        while integer.count > 1, integer.hasPrefix("0") { integer.removeFirst() }
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }
}
