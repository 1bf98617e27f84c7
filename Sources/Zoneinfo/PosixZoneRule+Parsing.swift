extension PosixZoneRule {
    /// Parses a TZ string as RFC 8536 footers write it: `std offset [dst [offset] ,start[/time],end[/time]]`.
    /// Nil for anything else, including a daylight name without a rule (POSIX leaves that rule unspecified).
    init?(parsing text: String) {
        var scanner = TZScanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset(maxHours: 24) else { return nil }
        standardOffset = -standard
        guard !scanner.atEnd else {
            daylight = nil
            return
        }
        guard scanner.name() else { return nil }
        let daylightOffset = scanner.peek == UInt8(ascii: ",") ? standardOffset + 3600 : scanner.offset(maxHours: 24).map { -$0 }
        guard let daylightOffset, scanner.take(","), let start = scanner.change(), scanner.take(","),
              let end = scanner.change(), scanner.atEnd
        else { return nil }
        daylight = Daylight(offset: daylightOffset, start: start, end: end)
    }
}

/// A cursor over a TZ string's bytes.
private struct TZScanner {
    let text: [UInt8]
    var position = 0

    init(_ text: [UInt8]) {
        self.text = text
    }

    var atEnd: Bool { position == text.count }
    var peek: UInt8? { atEnd ? nil : text[position] }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard peek == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// A zone abbreviation: three or more letters, or `<…>` quoting letters, digits and signs (`<+0530>`).
    mutating func name() -> Bool {
        if take("<") {
            let start = position
            while let byte = peek, byte != UInt8(ascii: ">") {
                guard Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                else { return false }
                position += 1
            }
            return position - start >= 3 && take(">")
        }
        let start = position
        while let byte = peek, Self.isLetter(byte) { position += 1 }
        return position - start >= 3
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, as written (POSIX offsets are positive west of Greenwich).
    mutating func offset(maxHours: Int) -> Int? {
        var sign = 1
        if take("-") { sign = -1 } else { _ = take("+") }
        guard let hours = number(maxDigits: 3), hours <= maxHours else { return nil }
        var seconds = hours * 3600
        if take(":") {
            guard let minutes = number(maxDigits: 2), minutes < 60 else { return nil }
            seconds += minutes * 60
            if take(":") {
                guard let secs = number(maxDigits: 2), secs < 60 else { return nil }
                seconds += secs
            }
        }
        return sign * seconds
    }

    /// `Jn`, `n` or `Mm.w.d`, then an optional `/time` (default 02:00).
    mutating func change() -> PosixZoneRule.Change? {
        let day: PosixZoneRule.Day
        if take("J") {
            guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
            day = .julian(n)
        } else if take("M") {
            guard let month = number(maxDigits: 2), (1...12).contains(month), take("."),
                  let week = number(maxDigits: 1), (1...5).contains(week), take("."),
                  let weekday = number(maxDigits: 1), (0...6).contains(weekday)
            else { return nil }
            day = .weekday(month: month, week: week, weekday: weekday)
        } else {
            guard let n = number(maxDigits: 3), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        guard take("/") else { return PosixZoneRule.Change(day: day, time: 7200) }
        guard let time = offset(maxHours: 167) else { return nil }
        return PosixZoneRule.Change(day: day, time: time)
    }

    private mutating func number(maxDigits: Int) -> Int? {
        let start = position
        var value = 0
        while let byte = peek, Self.isDigit(byte), position - start < maxDigits {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
        }
        return position > start ? value : nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
