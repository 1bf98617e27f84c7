/// Lower-case hex of digest bytes without `String(format:)`, which costs more than the SHA-256 itself
/// and made hashing the largest part of a plan.
public enum HexDigits {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func string<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
