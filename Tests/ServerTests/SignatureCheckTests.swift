import Foundation
import Testing
@testable import Server

@Suite struct SignatureCheckTests {
    static let secret = Secret("s3cret-for-tests")
    static let body = Data(#"{"ref":"refs/heads/main"}"#.utf8)
    static let hex = SignatureCheck.hmacHex(body: body, secret: secret)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let genericHeader = SignatureCheck.genericSignatureHeader(body: body, secret: secret, at: now)

    /// Each sender's header form, signed right; the check names the form it recognised.
    @Test(arguments: [
        (["X-Hub-Signature-256": "sha256=\(hex)"], "github"),
        (["X-Gitea-Signature": hex], "gitea"),
        (["X-Gitlab-Token": "s3cret-for-tests"], "gitlab"),
        (["X-Reconcile-Signature": genericHeader.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")
            .replacingOccurrences(of: "T=", with: "t=")], "generic"),
    ])
    func acceptsEachForm(headers: [String: String], sender: String) {
        #expect(SignatureCheck.gitSender(WebhookRequest(headers: headers, body: Self.body), secret: Self.secret,
                                         now: Self.now)?.sender == sender)
    }

    @Test(arguments: [
        [:],
        ["X-Hub-Signature-256": "sha256=" + String(repeating: "0", count: 64)],
        ["X-Hub-Signature-256": hex],  // the prefix is required
        ["X-Gitea-Signature": "zz" + hex.dropFirst(2)],
        ["X-Gitlab-Token": "s3cret-for-test"],
        ["X-Reconcile-Signature": String(genericHeader.dropLast(2))],
        ["X-Reconcile-Signature": "sha256=\(hex)"],  // the old form without a timestamp covers no time: refused
        ["X-Hub-Signature-256": "sha256=", "X-Reconcile-Signature": genericHeader],  // a bad GitHub header is not bypassed
    ])
    func refusesWrongOrMissing(headers: [String: String]) {
        #expect(SignatureCheck.gitSender(WebhookRequest(headers: headers, body: Self.body), secret: Self.secret,
                                         now: Self.now) == nil)
    }

    @Test func signatureCoversTheBodyAndTheTime() {
        let headers = ["X-Reconcile-Signature": Self.genericHeader]
        let tampered = WebhookRequest(headers: headers, body: Data(#"{"ref":"refs/heads/evil"}"#.utf8))
        #expect(SignatureCheck.gitSender(tampered, secret: Self.secret, now: Self.now) == nil)
        let signed = WebhookRequest(headers: headers, body: Self.body)
        #expect(SignatureCheck.gitSender(signed, secret: Self.secret, now: Self.now.addingTimeInterval(299)) != nil)
        #expect(SignatureCheck.gitSender(signed, secret: Self.secret, now: Self.now.addingTimeInterval(301)) == nil)
        #expect(SignatureCheck.gitSender(signed, secret: Self.secret, now: Self.now.addingTimeInterval(-301)) == nil)
        let moved = Self.genericHeader.replacingOccurrences(of: "t=1800000000", with: "t=1800000100")
        #expect(SignatureCheck.gitSender(WebhookRequest(headers: ["X-Reconcile-Signature": moved], body: Self.body),
                                         secret: Self.secret, now: Self.now) == nil, "the timestamp is signed")
    }

    @Test func imageFormsUseTheirOwnSecrets() {
        let image = Secret("image-secret"), token = Secret("registry-token")
        let header = SignatureCheck.genericSignatureHeader(body: Self.body, secret: image, at: Self.now)
        let signed = WebhookRequest(headers: ["X-Reconcile-Signature": header], body: Self.body)
        #expect(SignatureCheck.imageSender(signed, secret: image, registryToken: token, now: Self.now)?.sender == "generic")
        #expect(SignatureCheck.imageSender(signed, secret: Self.secret, registryToken: token, now: Self.now) == nil)
        let bearer = WebhookRequest(headers: ["Authorization": "Bearer registry-token"], body: Self.body)
        #expect(SignatureCheck.imageSender(bearer, secret: image, registryToken: token, now: Self.now)?.sender == "registry")
        #expect(SignatureCheck.imageSender(bearer, secret: image, registryToken: nil, now: Self.now) == nil)
        let wrong = WebhookRequest(headers: ["Authorization": "Bearer image-secret"], body: Self.body)
        #expect(SignatureCheck.imageSender(wrong, secret: image, registryToken: token, now: Self.now) == nil)
    }

    @Test func hexDecodingRejectsJunk() {
        #expect(SignatureCheck.decodeHex("0aFf") == [0x0a, 0xff])
        #expect(SignatureCheck.decodeHex("abc") == nil)
        #expect(SignatureCheck.decodeHex("") == nil)
        #expect(SignatureCheck.decodeHex("0g") == nil)
    }

    @Test func secretNeverPrints() {
        #expect("\(Self.secret)" == "<secret>")
    }
}
