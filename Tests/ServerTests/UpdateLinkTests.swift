import Foundation
import Testing
@testable import Server

/// The signed approve/skip links of update notifications, checked without a daemon.
@Suite struct UpdateLinkTests {
    let secret = Secret("s3cret")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func parts(_ path: String) -> (id: String, action: String, expires: String?, sig: String?) {
        let components = URLComponents(string: path)
        let segments = (components?.path ?? "").split(separator: "/").map(String.init)
        let query = components?.queryItems ?? []
        return (segments[2], segments[3], query.first { $0.name == "expires" }?.value, query.first { $0.name == "sig" }?.value)
    }

    @Test func aFreshLinkSaysWhatItWasMadeFor() throws {
        let pair = UpdateLink(baseURL: "https://reconcile.example/", secret: secret, lifetime: .seconds(60)).links(for: 12, now: now)
        #expect(pair.approve.hasPrefix("https://reconcile.example/api/updates/12/approve?expires=1800000060&sig="))
        let link = parts(String(pair.skip.dropFirst("https://reconcile.example".count)))
        let verified = try UpdateLink.verify(id: link.id, action: link.action, expires: link.expires, sig: link.sig,
                                             secret: secret, now: now).get()
        #expect(verified.id == 12 && verified.action == .skip)
    }

    @Test func refusals() {
        let path = UpdateLink.path(id: 3, action: .approve, expires: 1_800_000_010, secret: secret)
        let link = parts(path)
        func verdict(id: String = "3", action: String = "approve", expires: String? = "1800000010", sig: String?,
                     secret: Secret = Secret("s3cret"), at time: Date? = nil) -> UpdateLink.Refusal? {
            switch UpdateLink.verify(id: id, action: action, expires: expires, sig: sig, secret: secret, now: time ?? now) {
            case .success: return nil
            case .failure(let refusal): return refusal
            }
        }
        #expect(verdict(sig: link.sig) == nil)
        #expect(verdict(id: "4", sig: link.sig) == .badSignature)
        #expect(verdict(action: "skip", sig: link.sig) == .badSignature)
        #expect(verdict(expires: "1800000011", sig: link.sig) == .badSignature)
        #expect(verdict(sig: link.sig, secret: Secret("other")) == .badSignature)
        #expect(verdict(sig: link.sig, at: now.addingTimeInterval(11)) == .expired)
        #expect(verdict(action: "merge", sig: link.sig) == .malformed("`merge` is not an action; expected approve or skip"))
        #expect(verdict(id: "x", sig: link.sig) == .malformed("`x` is not an update id"))
        #expect(verdict(sig: nil) == .malformed("the link lacks `expires` or `sig`"))
    }
}
