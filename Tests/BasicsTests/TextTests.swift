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

struct ReplacingTests {
    @Test(arguments: [("a\r\nb\n", "\n", "\\n"), ("x\\y\"z", "\\", "\\\\"), ("tok tok tokk", "tok", "<redacted>"),
                      ("aaa", "aa", "b"), ("e\u{301}e", "e", "E"), ("", "x", "y"), ("abc", "abc", ""),
                      ("e\u{301}", "\u{301}", "#"), ("x\"\u{301}y", "\"", "#"), ("ab\u{200d}c", "b", "#"), ("a\u{903}", "a", "#"),
                      ("a\u{1F3FB}", "a", "#"), ("\u{1F1E9}\u{1F1EA}\u{1F1E9}\u{1F1EA}", "\u{1F1EA}\u{1F1E9}", "#")])
    func replacesLikeFoundation(_ text: String, _ target: String, _ replacement: String) {
        #expect(text.replacingEvery(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }
}

struct PrintfTextTests {
    @Test(arguments: [2.25, 2.35, 0.05, 1.5, 0.1, 123.456, 1e20, -0.75])
    func oneDecimalLikeStringFormat(_ value: Double) {
        #expect(PrintfText.oneDecimal(value) == String(format: "%.1f", value))
    }
}

/// Issue 17, point 5: the userinfo of every URL in a text is dropped.
struct URLCredentialsTests {
    @Test(arguments: [
        ("https://user:token@git.example/home.git", "https://git.example/home.git"),
        ("fatal: unable to access 'https://u:p@h:8443/r.git/': refused", "fatal: unable to access 'https://h:8443/r.git/': refused"),
        ("ssh://git@nas/srv/git/homelab.git and http://a:b@c", "ssh://nas/srv/git/homelab.git and http://c"),
        ("git@github.com:me/homelab.git", "git@github.com:me/homelab.git"),
        ("no url here @ all", "no url here @ all"),
        ("https://h/path@not-userinfo", "https://h/path@not-userinfo"),
    ])
    func strips(text: String, expected: String) {
        #expect(URLCredentials.strip(text) == expected)
    }
}
