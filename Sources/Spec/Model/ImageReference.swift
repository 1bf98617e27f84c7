/// A Docker image reference split by the distribution grammar, e.g. `ghcr.io/org/app:1.2@sha256:…`.
public struct ImageReference: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Why a reference is invalid, phrased for the user.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Registry host (`docker.io` when none is written).
    public var domain: String
    /// Repository path (`library/nginx` for official images on Docker Hub).
    public var path: String
    public var tag: String?
    public var digest: String?

    /// The reference as written.
    public var original: String

    public var description: String { original }

    /// `domain/path` — the repository name registries use.
    public var repository: String { "\(domain)/\(path)" }

    /// The tag compose and Docker use when none is given.
    public var effectiveTag: String { tag ?? "latest" }

    public static func parse(_ text: String) throws(Failure) -> ImageReference {
        guard !text.isEmpty else { throw Failure(message: "the image reference is empty") }
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            try validateDigest(digest ?? "")
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
            try validateTag(tag ?? "")
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var domain = "docker.io"
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" || first.contains(where: \.isUppercase) {
            domain = first
            components.removeFirst()
            try validateDomain(domain)
        }
        guard rest.count <= 255 else { throw Failure(message: "the repository name is longer than 255 characters") }
        for component in components where !isPathComponent(component) {
            throw Failure(message: "`\(component)` is not a valid repository path component (lowercase letters, digits, and single `.`, `_`, `__` or `-` between them)")
        }
        if domain == "docker.io", components.count == 1 { components.insert("library", at: 0) }
        return ImageReference(domain: domain, path: components.joined(separator: "/"), tag: tag, digest: digest,
                              original: text)
    }

    private static func isPathComponent(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        guard let first = chars.first, let last = chars.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        var index = 0
        while index < chars.count {
            if isLowerAlnum(chars[index]) {
                index += 1
                continue
            }
            var end = index
            while end < chars.count, !isLowerAlnum(chars[end]) { end += 1 }
            let separator = String(decoding: chars[index..<end], as: UTF8.self)
            let valid = separator == "." || separator == "_" || separator == "__" || separator.allSatisfy { $0 == "-" }
            if !valid { return false }
            index = end
        }
        return true
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
    }

    private static func validateTag(_ tag: String) throws(Failure) {
        let chars = Array(tag.utf8)
        let word: (UInt8) -> Bool = { c in
            c == UInt8(ascii: "_") || isLowerAlnum(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
        }
        guard let first = chars.first, word(first), chars.count <= 128,
              chars.allSatisfy({ word($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) else {
            throw Failure(message: "`\(tag)` is not a valid tag (letters, digits, `_`, `.`, `-`; at most 128; not starting with `.` or `-`)")
        }
    }

    private static func validateDigest(_ digest: String) throws(Failure) {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 32,
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw Failure(message: "`\(digest)` is not a valid digest; write `sha256:` and 64 lowercase hex digits")
        }
        if parts[0] == "sha256", parts[1].count != 64 {
            throw Failure(message: "a sha256 digest has 64 hex digits, `\(digest)` has \(parts[1].count)")
        }
    }

    private static func validateDomain(_ domain: String) throws(Failure) {
        let hostPart = domain.hasPrefix("[") ? domain : String(domain.split(separator: ":").first ?? "")
        let valid = !hostPart.isEmpty && hostPart.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "[" || $0 == "]" || $0 == ":" }
        if !valid { throw Failure(message: "`\(domain)` is not a valid registry host") }
    }
}
