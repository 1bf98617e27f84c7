import Basics
import Crypto
import FoundationEssentials

/// `reconcile.hash`: a versioned canonical encoding of what makes a container, so that an upgrade of
/// reconcile that adds a field (left at its default) or changes formatting recreates nothing.
///
/// Scheme 2 encodes the config with sorted keys and leaves out every value at its default — null, false,
/// an empty string, list or map — so a new field that defaults to one of those does not change the hash of a
/// service that does not use it. `depends_on` is left out as Compose leaves it out of its own hash: it orders
/// the rollout, it is not part of the container. Positions and provenance were cleared before (`init`).
/// `Tests/PlannerTests/HashSchemeTests.swift` and `CorpusHashTests.swift` pin the hashes of fixture and corpus
/// services: a change that moves them must be a new scheme, and every scheme before it stays comparable (`legacyHash`).
extension CanonicalConfig {
    /// The scheme tag hashed in front of the encoding; bump it (and keep the old one comparable) to change it.
    public static let hashScheme = "reconcile-config/2"

    /// Top-level service fields that do not make the container.
    static let outsideTheHash: Set<String> = ["dependsOn", "source", "keyLocations", "environmentFromFiles",
                                                     "secretEnvironment"]

    public var hash: String {
        "sha256:" + HexDigits.string(SHA256.hash(data: Data(canonicalText().utf8)))
    }

    /// The exact text that is hashed: the scheme tag, a newline, and the pruned, sorted JSON of the config's
    /// `Codable` tree (built directly, `CanonicalTreeEncoder`: the same tree a `JSONEncoder` round trip gave).
    public func canonicalText() -> String {
        var value: JSONValue
        do {
            value = try CanonicalTreeEncoder.encode(self)
        } catch {
            // Only a non-finite number fails; scheme 2 has always hashed such a config as the bare tag.
            return Self.hashScheme + "\n"
        }
        if case .object(var members) = value, case .object(var service)? = members["service"] {
            for key in Self.outsideTheHash { service[key] = nil }
            members["service"] = .object(service)
            value = .object(members)
        }
        var out = Self.hashScheme + "\n"
        CanonicalJSON.write(CanonicalJSON.pruned(value) ?? .object([:]), into: &out)
        return out
    }
}

/// The canonical JSON writer of scheme 2: defaults pruned, keys in code-point order, no spaces.
enum CanonicalJSON {
    /// The value without defaults; nil when the value itself is a default.
    static func pruned(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null, .bool(false): return nil
        case .string(let text): return text.isEmpty ? nil : value
        case .array(let items):
            // Inside a list a default still holds a place (`[0, false]`); only an empty list goes.
            let kept = items.map { pruned($0) ?? $0 }
            return kept.isEmpty ? nil : .array(kept)
        case .object(let members):
            let kept = members.compactMapValues(pruned)
            return kept.isEmpty ? nil : .object(kept)
        default: return value
        }
    }

    static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .unsigned(let number): out += String(number)
        case .double(let number): out += number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted(by: { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }).enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                if let member = members[key] { write(member, into: &out) }
            }
            out += "}"
        }
    }
}
