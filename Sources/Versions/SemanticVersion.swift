/// A version read from an image tag: `1.2.3`, `v1.119.0`, `16.4`, `1.3.0-rc1`, `1.3.1-alpine`, `2.0.0-beta.2-slim`.
///
/// Tags are not strict semver: registries publish a `v` prefix or not, two or three numbers, and a variant
/// suffix (`-alpine`) that names a build, not a pre-release. So the suffix is split in two: a leading
/// pre-release identifier (`rc1`, `beta.2`) and whatever follows it (the variant).
public struct SemanticVersion: Sendable, Hashable, CustomStringConvertible {
    /// Whether the tag starts with `v` (`v1.2.3`).
    public var hasPrefix: Bool
    /// The dotted numbers, one to three of them (`16.4` → [16, 4]).
    public var numbers: [Int]
    /// `rc1` of `1.3.0-rc1`; nil for a release.
    public var prerelease: String?
    /// `alpine` of `1.3.1-alpine`; empty when the tag has none.
    public var variant: String
    /// The tag as written.
    public let tag: String

    public var major: Int { numbers[0] }
    public var minor: Int { numbers.count > 1 ? numbers[1] : 0 }
    public var patch: Int { numbers.count > 2 ? numbers[2] : 0 }
    public var isPrerelease: Bool { prerelease != nil }
    public var description: String { tag }

    /// Words that open a pre-release identifier; any other suffix is a variant (`alpine`, `bookworm`, `slim`).
    static let prereleaseWords = ["alpha", "beta", "rc", "pre", "preview", "dev", "snapshot", "canary", "nightly", "a", "b"]

    /// Reads `tag`, or nil when it is not a version (`latest`, `stable`, `sha-1a2b3c`, `20240101`).
    public init?(tag: String) {
        var rest = Substring(tag)
        hasPrefix = rest.first == "v" || rest.first == "V"
        if hasPrefix { rest = rest.dropFirst() }
        let core = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 9 }),
              !(parts.count == 1 && core.count >= 6) else { return nil }  // a bare date or build number is no version
        numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        rest = rest.dropFirst(core.count)
        prerelease = nil
        variant = ""
        if !rest.isEmpty {
            guard rest.first == "-", rest.count > 1 else { return nil }
            let suffix = rest.dropFirst()
            let first = suffix.prefix { $0 != "-" }
            if Self.isPrereleaseIdentifier(first) {
                prerelease = String(first)
                variant = String(suffix.dropFirst(first.count).drop { $0 == "-" })
            } else {
                variant = String(suffix)
            }
        }
        self.tag = tag
    }

    /// `rc1`, `rc.1`, `beta`, `alpha2`, `b3`: a pre-release word, then digits or dots at most.
    static func isPrereleaseIdentifier(_ text: Substring) -> Bool {
        let lower = text.lowercased()
        let word = lower.prefix { $0.isLetter }
        guard prereleaseWords.contains(String(word)) else { return false }
        return lower.dropFirst(word.count).allSatisfy { $0.isNumber || $0 == "." }
    }

    /// Which step separates `self` from a newer `other`: nil when `other` is not newer.
    public func step(to other: SemanticVersion) -> VersionStep? {
        guard self < other else { return nil }
        if other.major != major { return .major }
        if other.minor != minor { return .minor }
        return .patch
    }

    /// Whether `other` is written the same way: same prefix, as many numbers, the same variant.
    public func isSameShape(as other: SemanticVersion) -> Bool {
        hasPrefix == other.hasPrefix && numbers.count == other.numbers.count && variant == other.variant
    }
}

extension SemanticVersion: Comparable {
    /// Numbers first; for equal numbers a release is newer than its pre-releases (semver §11).
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        let left = [lhs.major, lhs.minor, lhs.patch]
        let right = [rhs.major, rhs.minor, rhs.patch]
        if left != right { return left.lexicographicallyPrecedes(right) }
        switch (lhs.prerelease, rhs.prerelease) {
        case (nil, nil): return false
        case (.some, nil): return true
        case (nil, .some): return false
        case (.some(let a), .some(let b)): return NaturalOrder.precedes(a, b)
        }
    }
}
