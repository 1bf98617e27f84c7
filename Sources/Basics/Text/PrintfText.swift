import Glibc

/// Numbers as C's `printf` writes them, where Foundation's `String(format:)` did the same through it.
public enum PrintfText {
    /// `%.1f`: one decimal, rounded as `printf` rounds the binary value (2.25 → `2.2`, 2.35 → `2.4`).
    public static func oneDecimal(_ value: Double) -> String {
        withVaList([value]) { arguments in
            // The largest double has 309 integer digits.
            var buffer = [CChar](repeating: 0, count: 320)
            _ = vsnprintf(&buffer, buffer.count, "%.1f", arguments)
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
