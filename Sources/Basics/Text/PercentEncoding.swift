extension StringProtocol {
    /// Percent-encodes every UTF-8 byte except ASCII letters, digits and `unreserved`, as Foundation's
    /// `addingPercentEncoding(withAllowedCharacters: .alphanumerics ∪ unreserved)` does: it escapes all
    /// non-ASCII, letters included.
    public func percentEncoded(keepingAlphanumericsAnd unreserved: String) -> String {
        let kept = Set(unreserved.utf8)
        var out = ""
        for byte in utf8 {
            let alphanumeric = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if alphanumeric || (byte < 0x80 && kept.contains(byte)) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + HexDigits.string([byte]).uppercased()
            }
        }
        return out
    }
}
