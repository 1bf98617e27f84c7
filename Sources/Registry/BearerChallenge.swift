import Basics
import FoundationEssentials

/// A `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` challenge: where to get a token
/// for the request that was refused.
public struct BearerChallenge: Sendable, Equatable {
    public var realm: String
    public var service: String?
    public var scope: String?

    public init(realm: String, service: String? = nil, scope: String? = nil) {
        self.realm = realm
        self.service = service
        self.scope = scope
    }

    /// Parses the header value; nil when it is not a Bearer challenge with a realm.
    public init?(header: String) {
        let trimmed = header.drop { $0 == " " }
        guard trimmed.lowercased().hasPrefix("bearer ") else { return nil }
        let parameters = Self.parameters(String(trimmed.dropFirst("bearer ".count)))
        guard let realm = parameters["realm"], !realm.isEmpty else { return nil }
        self.init(realm: realm, service: parameters["service"], scope: parameters["scope"])
    }

    /// `a="x,y",b=z` → [a: "x,y", b: "z"]; commas inside quotes (scopes list actions) stay.
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var key = "", value = "", inKey = true, quoted = false
        func flush() {
            let name = key.trimmingWhitespace().lowercased()
            if !name.isEmpty { result[name] = value }
            key = ""; value = ""; inKey = true
        }
        for character in text {
            switch (inKey, quoted, character) {
            case (true, _, "="): inKey = false
            case (true, _, _): key.append(character)
            case (false, _, "\""): quoted.toggle()
            case (false, false, ","): flush()
            case (false, _, _): value.append(character)
            }
        }
        flush()
        return result
    }
}
