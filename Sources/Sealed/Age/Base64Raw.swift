import FoundationEssentials

/// Base64 without padding, as age writes stanza arguments, bodies and the header MAC.
enum Base64Raw {
    static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Strict decoding: no padding, no whitespace, and only the canonical encoding (unused bits zero).
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let text = String(text)
        guard !text.contains("="), text.count % 4 != 1 else { return nil }
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        let bytes = Array(data)
        return encode(bytes) == text ? bytes : nil
    }
}
