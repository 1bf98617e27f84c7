import Testing
import Versions

/// The issue's tag list and the rules that pick from it.
@Suite struct TagCandidatesTests {
    static let published = ["1.2.0", "1.2.1", "1.3.0", "2.0.0", "1.3.0-rc1", "1.3.1-alpine", "latest"]

    struct Case: Sendable, CustomStringConvertible {
        var current: String
        var rule: VersionRule
        var expected: String?
        var step: VersionStep?
        var description: String { "\(current) \(rule.allow)\(rule.prereleases ? "+pre" : "")\(rule.match.map { " ~\($0)" } ?? "") → \(expected ?? "none")" }
    }

    static let cases: [Case] = [
        Case(current: "1.2.0", rule: VersionRule(allow: .minor), expected: "1.3.0", step: .minor),
        Case(current: "1.2.0", rule: VersionRule(allow: .patch), expected: "1.2.1", step: .patch),
        Case(current: "1.2.0", rule: VersionRule(allow: .major), expected: "2.0.0", step: .major),
        Case(current: "1.2.1", rule: VersionRule(allow: .patch), expected: nil, step: nil),
        Case(current: "2.0.0", rule: VersionRule(allow: .major), expected: nil, step: nil),
        // The suffix must match: `-alpine` follows `-alpine` only.
        Case(current: "1.2.0-alpine", rule: VersionRule(allow: .minor), expected: "1.3.1-alpine", step: .minor),
        // Pre-releases only when asked; a release beats its own pre-release.
        Case(current: "1.2.1", rule: VersionRule(allow: .minor, prereleases: true), expected: "1.3.0", step: .minor),
        Case(current: "1.2.0", rule: VersionRule(allow: .minor, match: #"^\d+\.2\.\d+$"#), expected: "1.2.1", step: .patch),
        Case(current: "latest", rule: VersionRule(allow: .major), expected: nil, step: nil),
    ]

    @Test(arguments: cases)
    func picksTheNewestAllowedTag(_ item: Case) {
        let found = TagCandidates.best(current: item.current, tags: Self.published, rule: item.rule)
        #expect(found?.candidate.tag == item.expected)
        #expect(found?.step == item.step)
    }

    @Test func prereleaseIsProposedOnlyWhenAsked() {
        let tags = ["1.2.0", "1.3.0-rc1", "1.3.0-rc2", "1.3.0-rc10"]
        #expect(TagCandidates.best(current: "1.2.0", tags: tags, rule: VersionRule(allow: .minor)) == nil)
        let asked = TagCandidates.best(current: "1.2.0", tags: tags, rule: VersionRule(allow: .minor, prereleases: true))
        #expect(asked?.candidate.tag == "1.3.0-rc10", "rc10 is newer than rc2")
    }

    @Test func prefixAndNumberCountStayAsWritten() {
        let tags = ["v1.119.0", "v1.120.1", "1.121.0", "v1.121", "16", "16.5", "16.4.1", "17.0"]
        #expect(TagCandidates.best(current: "v1.119.0", tags: tags, rule: VersionRule(allow: .minor))?.candidate.tag == "v1.120.1")
        #expect(TagCandidates.best(current: "16.4", tags: tags, rule: VersionRule(allow: .minor))?.candidate.tag == "16.5")
        #expect(TagCandidates.best(current: "16.4", tags: tags, rule: VersionRule(allow: .major))?.candidate.tag == "17.0")
    }

    @Test func invalidPatternProposesNothingAndIsReported() {
        #expect(VersionRule.patternProblem("^(\\d+") != nil)
        #expect(VersionRule.patternProblem(#"^v?\d+\.\d+\.\d+$"#) == nil)
        #expect(TagCandidates.best(current: "1.2.0", tags: Self.published, rule: VersionRule(allow: .major, match: "^(")) == nil)
    }
}

@Suite struct SemanticVersionTests {
    @Test(arguments: [
        ("v1.119.0", true, [1, 119, 0], nil, ""),
        ("16.4", false, [16, 4], nil, ""),
        ("1.3.0-rc1", false, [1, 3, 0], "rc1", ""),
        ("1.3.1-alpine", false, [1, 3, 1], nil, "alpine"),
        ("2.0.0-beta.2-slim", false, [2, 0, 0], "beta.2", "slim"),
        ("3.19-alpine3.20", false, [3, 19], nil, "alpine3.20"),
    ] as [(String, Bool, [Int], String?, String)])
    func readsTagParts(tag: String, prefix: Bool, numbers: [Int], prerelease: String?, variant: String) throws {
        let version = try #require(SemanticVersion(tag: tag))
        #expect(version.hasPrefix == prefix)
        #expect(version.numbers == numbers)
        #expect(version.prerelease == prerelease)
        #expect(version.variant == variant)
    }

    @Test(arguments: ["latest", "stable", "20240101", "sha-1a2b3c", "1.2.3.4", "1..2", "1.2-", ""])
    func nonVersionsAreNil(tag: String) {
        #expect(SemanticVersion(tag: tag) == nil)
    }

    @Test func orderFollowsSemver() throws {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"]
        let versions = try ordered.map { try #require(SemanticVersion(tag: $0)) }
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
    }
}
