/// Fixed-offset zone names such as `GMT+2`, `UTC-03:30` or `GMT+0545`, as Foundation's `TimeZone(identifier:)`
/// read them: `GMT` or `UTC`, a sign, then `H`, `HH`, `HHMM`, or `H`/`HH` with `:` or `.` and two minute digits;
/// at most 18 hours, and exactly 18:00 at 18.
enum GMTOffsetName {
    /// Seconds east of UTC; nil when `name` is not of that form.
    static func offset(_ name: String) -> Int? {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 5, ["GMT", "UTC"].contains(String(String.UnicodeScalarView(scalars[0..<3]))),
              scalars[3] == "+" || scalars[3] == "-"
        else { return nil }
        let sign = scalars[3] == "-" ? -1 : 1
        let body = Array(scalars[4...])
        let digits = body.map { ("0"..."9").contains($0) ? Int($0.value) - 48 : nil }
        let hours: Int?, minutes: Int?
        switch body.count {
        case 1, 2:
            (hours, minutes) = (number(digits[...]), 0)
        case 4 where body[1] == ":" || body[1] == ".":
            (hours, minutes) = (number(digits[0..<1]), number(digits[2...]))
        case 4:
            // HHMM checks its minutes; the forms with a separator never did.
            (hours, minutes) = (number(digits[0..<2]), number(digits[2...]).flatMap { $0 < 60 ? $0 : nil })
        case 5 where body[2] == ":" || body[2] == ".":
            (hours, minutes) = (number(digits[0..<2]), number(digits[3...]))
        default:
            return nil
        }
        guard let hours, let minutes, hours < 18 || (hours == 18 && minutes == 0) else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// The decimal value of all-digit `digits`; nil when any is not an ASCII digit.
    private static func number(_ digits: ArraySlice<Int?>) -> Int? {
        digits.reduce(Optional(0)) { total, digit in total.flatMap { total in digit.map { total * 10 + $0 } } }
    }
}
