import Basics
import Foundation
import Testing

/// `FoundationKeyOrder` against the Foundation call it stands in for.
struct FoundationKeyOrderTests {
    static func foundationLess(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                  locale: NSLocale.system) == .orderedAscending
    }

    static let printable = (32...126).map { Character(UnicodeScalar(UInt8($0))) }

    @Test(arguments: [Array("aAbBzZ019_-./: "), Array("aA0129"), printable])
    func agreesWithFoundationOnRandomASCIIKeys(_ alphabet: [Character]) {
        var random = SeededRandom(state: UInt64(alphabet.count))
        for _ in 0..<20_000 {
            let a = random.string(from: alphabet, maxLength: 7), b = random.string(from: alphabet, maxLength: 7)
            #expect(FoundationKeyOrder.less(a, b) == Self.foundationLess(a, b), "\(a.debugDescription) < \(b.debugDescription)")
        }
    }

    /// Digit runs past 64 bits compare as CoreFoundation computes them, wrapped.
    @Test func agreesWithFoundationOnLongDigitRuns() {
        var random = SeededRandom(state: 7)
        for _ in 0..<5_000 {
            let a = random.string(from: Array("0129a"), maxLength: 45), b = random.string(from: Array("0129a"), maxLength: 45)
            #expect(FoundationKeyOrder.less(a, b) == Self.foundationLess(a, b), "\(a) < \(b)")
        }
    }

    @Test func sortsKeysLikeARecordedSpec() {
        let keys = ["DB_PASSWORD", "db1", "DB2", "DB_HOST", "a10", "a2", "A2", "a02", "traefik.http.routers.web.rule",
                    "traefik.enable", "com.example-app", "com.example_app", "config/nginx.conf", "config/nginx-2.conf",
                    "imageID", "repoFiles", "service", "hashes", "services", "web", "web_2", "web2", "Web"]
        #expect(keys.sorted(by: FoundationKeyOrder.less) == keys.sorted(by: Self.foundationLess))
    }
}
