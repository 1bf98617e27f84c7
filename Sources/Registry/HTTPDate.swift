import FoundationEssentials

/// RFC 9110's preferred HTTP date, IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// Strict: the obsolete RFC 850 and asctime forms, other zones and loose spacing are refused (nil), which
/// for `Retry-After` means "no hint" rather than a guess.
enum HTTPDate {
    static let weekdays: Set<Substring> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ text: String) -> Date? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].count == 4, fields[0].hasSuffix(","), weekdays.contains(fields[0].dropLast()),
              fields[1].count == 2, fields[1].allSatisfy(\.isASCIIDigit),
              let month = months.firstIndex(where: { $0 == fields[2] }),
              fields[3].count == 4, fields[3].allSatisfy(\.isASCIIDigit),
              fields[4].count == 8, fields[5] == "GMT"
        else { return nil }
        let time = fields[4].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 3, time.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        // The ISO 8601 parser checks the ranges (day in month, hour, minute, second) for us.
        let iso = "\(fields[3])-\(month < 9 ? "0" : "")\(month + 1)-\(fields[1])T\(fields[4])Z"
        return try? Date(iso, strategy: .iso8601)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
