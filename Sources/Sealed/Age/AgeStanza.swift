/// One recipient stanza of an age header: `-> TYPE ARG…` and a body.
struct AgeStanza: Sendable, Hashable {
    var type: String
    var arguments: [String]
    var body: [UInt8]

    /// Its text form: the argument line, then the body in base64 lines of 64 (the last one shorter, maybe empty).
    var encoded: [UInt8] {
        var text = "-> " + ([type] + arguments).joined(separator: " ") + "\n"
        var body = Base64Raw.encode(self.body)[...]
        while body.count >= 64 {
            text += body.prefix(64) + "\n"
            body = body.dropFirst(64)
        }
        text += body + "\n"
        return Array(text.utf8)
    }
}
