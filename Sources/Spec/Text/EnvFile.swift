/// Parses `.env` / `env_file` text the way compose does: `KEY=VAL`, `export KEY=VAL`, comments, inline ` #`
/// comments on unquoted values, single quotes literal, double quotes with escapes, interpolation outside
/// single quotes (earlier keys of the same file first, then `lookup`).
public enum EnvFile {
    /// One assignment with the line it came from.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: String
        public var line: Int
    }

    /// A line that could not be parsed.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Entries in file order (later duplicates override earlier ones when turned into a dictionary).
    public static func parse(_ text: String, lookup: [String: String]) throws(Failure) -> [Entry] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
        var entries: [Entry] = []
        var known: [String: String] = [:]
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var line = lines[index].drop { $0 == " " || $0 == "\t" }
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7).drop { $0 == " " } }
            guard let equals = line.firstIndex(of: "=") else {
                let key = trimmed(line)
                try validateKey(key, line: lineNumber)
                if let value = known[key] ?? lookup[key] {
                    entries.append(Entry(key: key, value: value, line: lineNumber))
                }
                continue
            }
            let key = trimmed(line[..<equals])
            try validateKey(key, line: lineNumber)
            var raw = line[line.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            var variables = lookup
            variables.merge(known) { _, fileValue in fileValue }
            let value: String
            if raw.hasPrefix("'") {
                guard let close = raw.dropFirst().firstIndex(of: "'") else {
                    throw Failure(line: lineNumber, column: 1, message: "unterminated single quote in the value of \(key)")
                }
                value = String(raw[raw.index(after: raw.startIndex)..<close])
            } else if raw.hasPrefix("\"") {
                var body = String(raw.dropFirst())
                // Only the newest line can hold the closing quote (a newline ends any escape), so each line is
                // scanned once: rescanning the whole body made an unterminated quote quadratic.
                var closed = closingQuote(in: body) != nil
                while !closed, index < lines.count {
                    closed = closingQuote(in: String(lines[index])) != nil
                    body += "\n" + lines[index]
                    index += 1
                }
                guard let close = closingQuote(in: body) else {
                    throw Failure(line: lineNumber, column: 1, message: "unterminated double quote in the value of \(key)")
                }
                value = try interpolate(unescape(String(body[..<close])), variables, line: lineNumber)
            } else {
                if let comment = inlineComment(in: raw) { raw = raw[..<comment] }
                value = try interpolate(trimmed(raw), variables, line: lineNumber)
            }
            known[key] = value
            entries.append(Entry(key: key, value: value, line: lineNumber))
        }
        return entries
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    private static func validateKey(_ key: String, line: Int) throws(Failure) {
        let valid = !key.isEmpty && key.allSatisfy { !$0.isWhitespace && $0 != "'" && $0 != "\"" }
        if !valid {
            throw Failure(line: line, column: 1, message: "invalid variable name `\(key)`")
        }
    }

    /// The index of the first unescaped `"`.
    private static func closingQuote(in body: String) -> String.Index? {
        var escaped = false
        for index in body.indices {
            let c = body[index]
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { return index }
        }
        return nil
    }

    /// Where ` #` starts an inline comment in an unquoted value.
    private static func inlineComment(in raw: Substring) -> Substring.Index? {
        var previous: Character = " "
        for index in raw.indices {
            if raw[index] == "#", previous == " " || previous == "\t", index != raw.startIndex { return index }
            previous = raw[index]
        }
        return nil
    }

    private static func unescape(_ text: String) -> String {
        var out = ""
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            guard c == "\\", let next = iterator.next() else {
                out.append(c)
                continue
            }
            switch next {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "\"", "\\", "'": out.append(next)
            case "$": out += "$$"
            default: out += "\\" + String(next)
            }
        }
        return out
    }

    private static func interpolate(_ text: String, _ variables: [String: String], line: Int) throws(Failure) -> String {
        do {
            return try Interpolator(variables: variables).expand(text).value
        } catch {
            throw Failure(line: line, column: 1, message: error.message)
        }
    }
}
