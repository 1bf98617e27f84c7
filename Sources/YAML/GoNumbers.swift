/// Go's `strconv.ParseInt(s, 0, 64)` rules: optional sign, `0x`/`0o`/`0b` prefixes, and a leading `0` for octal.
enum GoInteger {
    static func parseSigned(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let magnitude = parseMagnitude(body) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `strconv.ParseUint(s, 0, 64)`: no sign allowed.
    static func parseUnsigned(_ text: String) -> UInt64? {
        guard let first = text.first, first != "+", first != "-" else { return nil }
        return parseMagnitude(Substring(text))
    }

    private static func parseMagnitude(_ body: Substring) -> UInt64? {
        guard !body.isEmpty else { return nil }
        let lower = body.lowercased()
        var radix = 10
        var digits = Substring(lower)
        if lower.hasPrefix("0x") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            digits = digits.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            digits = digits.dropFirst(2)
        } else if lower.hasPrefix("0") && lower.count > 1 {
            radix = 8
            digits = digits.dropFirst(1)
        }
        guard !digits.isEmpty else { return nil }
        return UInt64(digits, radix: radix)
    }
}

/// Go's `fmt.Sprint(float64)`: shortest round-trip digits, `%e` form when the exponent is < -4 or >= 6.
enum GoFloatFormat {
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let sign = value < 0 ? "-" : ""
        var text = "\(Swift.abs(value))"
        var exponent10 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent10 = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Array(integerPart + fraction)
        var pointPosition = integerPart.count + exponent10
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits[0])
            if digits.count > 1 { mantissa += "." + String(digits[1...]) }
            let magnitude = Swift.abs(exponent)
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        }
        if pointPosition >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count)
        }
        return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
    }
}
