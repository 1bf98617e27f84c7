/// Removes the `user:token@` part of every URL in a text, so a `--git https://user:token@host/…` URL can be shown
/// (status, logs, git's own error messages) without its credentials.
public enum URLCredentials {
    /// `text` with the userinfo of every `scheme://userinfo@host` dropped.
    public static func strip(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.firstRange(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            // The authority ends at the path, query, fragment, or wherever the URL itself ends in prose.
            let end = rest.firstIndex { "/?#".contains($0) || $0.isWhitespace || "'\"<>`".contains($0) } ?? rest.endIndex
            let authority = rest[..<end]
            if let at = authority.lastIndex(of: "@") {
                rest = rest[rest.index(after: at)...]
            }
        }
        return out + rest
    }
}
