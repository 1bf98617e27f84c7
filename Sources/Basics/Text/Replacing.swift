extension String {
    /// Every non-overlapping occurrence of `target`, left to right, replaced: Foundation's literal
    /// `replacingOccurrences(of:with:)`. Like it, matched on scalars rather than `Character`s (a `\n` inside
    /// `\r\n` matches) except that a match followed by a combining mark (the `e` of `e` + U+0301) is not one.
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let text = Array(unicodeScalars), pattern = Array(target.unicodeScalars)
        guard !pattern.isEmpty else { return self }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < text.count {
            let end = index + pattern.count
            if end <= text.count, text[index..<end].elementsEqual(pattern), end == text.count || !Self.combines(text[end]) {
                out.append(contentsOf: replacement.unicodeScalars)
                index = end
            } else {
                out.append(text[index])
                index += 1
            }
        }
        return String(out)
    }

    /// Marks that attach to the scalar before them (Foundation leaves ZWJ and spacing marks out).
    private static func combines(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return category == .nonspacingMark || category == .enclosingMark || scalar.properties.isEmojiModifier
    }
}
