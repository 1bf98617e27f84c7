import Basics

/// A file's bytes with its lines, for finding and replacing a value without touching anything else.
struct SourceText {
    let bytes: [UInt8]
    /// Each line's byte range, newline excluded.
    let lines: [Range<Int>]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        self.lines = lines
    }

    /// The byte offset of a 1-based line and character column (YAML marks count characters, not bytes).
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lines.count else { return bytes.count }
        let range = lines[line - 1]
        var seen = 0
        for index in range where !Self.isContinuation(bytes[index]) {
            if seen == column - 1 { return index }
            seen += 1
        }
        return range.upperBound
    }

    /// The 1-based line and character column of a byte offset.
    func location(file: String, offset: Int, tag: String) -> TagLocation {
        let index = lines.firstIndex { $0.contains(offset) || $0.upperBound == offset } ?? max(0, lines.count - 1)
        let start = lines.isEmpty ? 0 : lines[index].lowerBound
        let column = bytes[start..<offset].filter { !Self.isContinuation($0) }.count + 1
        return TagLocation(file: file, line: index + 1, column: column, offset: offset, tag: tag)
    }

    /// The value of a scalar starting at `start`: inside its quotes when quoted, else up to ` #` or the line's end.
    func scalarContent(at start: Int, quoted: Bool) -> Range<Int> {
        let end = lineEnd(after: start)
        guard quoted, start < end else { return trimmingComment(start..<end) }
        let quote = bytes[start]
        var index = start + 1
        while index < end, bytes[index] != quote {
            index += (quote == UInt8(ascii: "\"") && bytes[index] == UInt8(ascii: "\\")) ? 2 : 1
        }
        return (start + 1)..<min(index, end)
    }

    /// `range` without a trailing ` # comment` and trailing blanks.
    func trimmingComment(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        for index in range where bytes[index] == UInt8(ascii: "#")
            && (index == range.lowerBound || Self.isBlank(bytes[index - 1])) {
            end = index
            break
        }
        while end > range.lowerBound, Self.isBlank(bytes[end - 1]) { end -= 1 }
        return range.lowerBound..<end
    }

    /// `NAME` of a `.env` line `NAME=value` or `export NAME=value`; nil for comments and blank lines.
    static func assignedName(_ line: Range<Int>, in bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes[line], as: UTF8.self).drop { $0 == " " || $0 == "\t" }
        let body = text.hasPrefix("export ") ? text.dropFirst(7).drop { $0 == " " } : text
        guard let equals = body.firstIndex(of: "="), !body.hasPrefix("#") else { return nil }
        return String(body[..<equals]).trimmingWhitespace()
    }

    /// The bytes after the `=` of a `.env` line, leading blanks skipped.
    func assignedValue(_ line: Range<Int>) -> Range<Int> {
        guard var start = bytes[line].firstIndex(of: UInt8(ascii: "=")) else { return line.upperBound..<line.upperBound }
        start += 1
        while start < line.upperBound, Self.isBlank(bytes[start]) { start += 1 }
        return start..<line.upperBound
    }

    private func lineEnd(after start: Int) -> Int {
        lines.first { $0.contains(start) }?.upperBound ?? bytes.count
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
