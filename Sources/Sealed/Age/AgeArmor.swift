import Basics
import FoundationEssentials

/// age's ASCII armour: PEM-style base64 in lines of 64 between BEGIN and END markers.
enum AgeArmor {
    static let begin = "-----BEGIN AGE ENCRYPTED FILE-----"
    static let end = "-----END AGE ENCRYPTED FILE-----"

    /// True when `bytes` (after leading whitespace) starts with the BEGIN marker.
    static func isArmored(_ bytes: [UInt8]) -> Bool {
        let start = bytes.firstIndex { !isWhitespace($0) } ?? bytes.endIndex
        return bytes[start...].starts(with: Array(begin.utf8))
    }

    static func decode(_ bytes: [UInt8]) throws(SealedError) -> [UInt8] {
        let text = String(decoding: bytes.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        while lines.first == "" { lines.removeFirst() }
        while lines.last == "" { lines.removeLast() }
        guard lines.first == begin, lines.last == end, lines.count >= 3 else {
            throw .malformed("the armour lacks its BEGIN or END line")
        }
        let body = lines.dropFirst().dropLast()
        guard body.dropLast().allSatisfy({ $0.count == 64 }), let last = body.last, last.count <= 64,
              let data = Data(base64Encoded: body.joined()) else {
            throw .malformed("the armoured body is not base64 in lines of 64 columns")
        }
        return Array(data)
    }

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var text = Data(bytes).base64EncodedString()[...]
        var out = begin + "\n"
        while !text.isEmpty {
            out += text.prefix(64) + "\n"
            text = text.dropFirst(64)
        }
        return Array((out + end + "\n").utf8)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }
}
