extension StringProtocol {
    /// Without leading and trailing spaces and tabs: Foundation's `.whitespaces` (Unicode Zs, U+0009, and
    /// U+200B ZERO WIDTH SPACE, which CoreFoundation still counts from its Unicode 3 days).
    public func trimmingWhitespace() -> String {
        trimming { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Without leading and trailing white space and line breaks: Foundation's `.whitespacesAndNewlines`,
    /// Unicode's White_Space property plus U+200B.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming { $0 == "\u{200B}" || $0.properties.isWhitespace }
    }

    /// Scalar by scalar, as Foundation trims, so a combining mark after a space stays.
    private func trimming(_ strip: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !strip($0) }),
              let last = scalars.lastIndex(where: { !strip($0) }) else { return "" }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[first...last])
        return out
    }
}
