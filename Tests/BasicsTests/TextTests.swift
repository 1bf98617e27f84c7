import Basics
import Foundation
import Testing

/// Trimming, percent-encoding and hex against the Foundation calls they replace.
struct TextTests {
    static let samples = ["", " ", "\t a b \t", "\n x \r\n", "\u{a0}x\u{3000}", "\u{2028}y\u{85}", " \u{301}a ", "\u{b}\u{c}z",
                          "é😀 ", "\u{200b}q\u{200b}", "  \u{2003}tab\tinside\u{2009} "]

    @Test(arguments: samples)
    func trimsWhitespaceLikeFoundation(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text[...].trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func percentEncodesLikeFoundation() {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/:@")
        var query = CharacterSet.urlQueryAllowed
        query.remove(charactersIn: "&=+?#")
        let ascii = String((0...127).map { Character(UnicodeScalar(UInt8($0))) })
        for text in [ascii, "é ß/x 日本 ǅ ٣ \u{301} 😀 ª ² Ⅻ", #"{"label":["a=b"]}"#] {
            #expect(text.percentEncoded(keepingAlphanumericsAnd: "-._~/:@") == text.addingPercentEncoding(withAllowedCharacters: allowed))
            #expect(text.percentEncoded(keepingAlphanumericsAnd: "!$'()*,-./:;@_~") == text.addingPercentEncoding(withAllowedCharacters: query))
        }
    }

    @Test func hexIsLowerCaseTwoDigitsAByte() {
        let bytes: [UInt8] = [0, 1, 0x0f, 0x10, 0xab, 0xff]
        #expect(HexDigits.string(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
    }
}

struct FileErrorTextTests {
    @Test func namesTheSystemReason() {
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent/reconcile-test"))
            Issue.record("reading a missing file succeeded")
        } catch {
            #expect(FileErrorText.describe(error) == "No such file or directory")
        }
    }
}
