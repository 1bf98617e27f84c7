import Basics
import Foundation
@testable import Planner
import Spec
import Testing

/// `reconcile.hash` is part of every running container: these pins fail when the encoding moves, which would
/// recreate every container on every host at upgrade. A deliberate change is a new `hashScheme`, with the old
/// one still compared (as scheme 1 is, through `legacyHash`).
@Suite struct HashSchemeTests {
    static func web() -> ServiceSpec {
        var s = Fixture.service("web", image: "lab/app:1", env: ["LOG_LEVEL": "info"])
        s.ports = [PortSpec(target: 80, published: "8080", hostIP: "127.0.0.1", protocol: "tcp")]
        s.restart = "unless-stopped"
        return s
    }

    static let pinned: [(String, ServiceSpec, String)] = [
        ("bare", Fixture.service("worker", image: "lab/busybox:1"), "sha256:5fc2b89ce8e15db7183a6209646d6d69c027dc166b4f4598aacbd2b75efa6bf7"),
        ("web", web(), "sha256:e65705014925f717605565a26018b473171b7a621ded2dcd2044a299f899cb9d"),
    ]

    @Test func fixtureServicesKeepTheirPinnedHashes() {
        for (label, service, expected) in Self.pinned {
            let config = CanonicalConfig(service: service, imageID: Fixture.imageV1, repoFiles: [:])
            #expect(config.hash == expected, "\(label): \(config.canonicalText())")
        }
    }

    @Test func defaultsAndDependsOnStayOutOfTheHash() {
        let plain = Fixture.service("web")
        var explicit = plain
        explicit.capAdd = []
        explicit.privileged = false
        explicit.dependsOn = ["db": DependsOn()]
        let a = CanonicalConfig(service: plain, imageID: Fixture.imageV1, repoFiles: [:])
        let b = CanonicalConfig(service: explicit, imageID: Fixture.imageV1, repoFiles: [:])
        #expect(a.hash == b.hash)
        #expect(!a.canonicalText().contains("dependsOn"))
        #expect(a.canonicalText().hasPrefix(CanonicalConfig.hashScheme + "\n"))
        var changed = plain
        changed.privileged = true
        #expect(CanonicalConfig(service: changed, imageID: Fixture.imageV1, repoFiles: [:]).hash != a.hash)
    }

    @Test func aContainerWithTheSchemeOneHashIsKeptNotRecreated() {
        let stack = Fixture.stack("web", [Fixture.service("site")])
        let desired = Fixture.desired(stack, "site")
        var live = Fixture.running(desired)
        live.labels[ManagedLabels.hash] = desired.legacyHash
        #expect(desired.legacyHash != desired.hash)
        #expect(Planner.plan(Fixture.input([stack], live: [live])).summary == ["keep site"])
        live.labels[ManagedLabels.hash] = "sha256:" + String(repeating: "0", count: 64)
        #expect(Planner.plan(Fixture.input([stack], live: [live])).summary == ["recreate site"])
    }

    @Test func theTreeEncoderBuildsWhatJSONEncoderAndAParseBuilt() throws {
        var odd = Self.web()
        odd.environment["QUOTES"] = "a \"b\" \\ / é 😀 \u{1}\n"
        odd.memLimit = Int64.max
        for cpus in [1.5, 2.0, 0.1, 1e-7, 1e20, 123_456_789_012.0, 1e15, -0.0] {
            odd.cpus = cpus
            let config = CanonicalConfig(service: odd, imageID: Fixture.imageV1, repoFiles: ["a/b": "sha256:1"])
            let viaText = try #require(JSONValue.parse(config.encoded()))
            #expect(try CanonicalTreeEncoder.encode(config) == viaText, "cpus \(cpus)")
        }
        odd.cpus = .nan
        let unencodable = CanonicalConfig(service: odd, imageID: Fixture.imageV1, repoFiles: [:])
        #expect(throws: EncodingError.self) { try CanonicalTreeEncoder.encode(unencodable) }
        #expect(unencodable.canonicalText() == CanonicalConfig.hashScheme + "\n")
    }
}
