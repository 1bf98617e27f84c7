import Foundation
import Testing
@testable import Server

@Suite struct SignatureCheckTests {
    static let secret = Secret("s3cret-for-tests")
    static let body = Data(#"{"ref":"refs/heads/main"}"#.utf8)
    static let hex = SignatureCheck.hmacHex(body: body, secret: secret)

    /// Each sender's header form, signed right; the check names the form it recognised.
    @Test(arguments: [
        (["X-Hub-Signature-256": "sha256=\(hex)"], "github"),
        (["X-Gitea-Signature": hex], "gitea"),
        (["X-Gitlab-Token": "s3cret-for-tests"], "gitlab"),
        (["X-Reconcile-Signature": "sha256=\(hex.uppercased())"], "generic"),
    ])
    func acceptsEachForm(headers: [String: String], sender: String) {
        #expect(SignatureCheck.gitSender(WebhookRequest(headers: headers, body: Self.body), secret: Self.secret) == sender)
    }

    @Test(arguments: [
        [:],
        ["X-Hub-Signature-256": "sha256=" + String(repeating: "0", count: 64)],
        ["X-Hub-Signature-256": hex],  // the prefix is required
        ["X-Gitea-Signature": "zz" + hex.dropFirst(2)],
        ["X-Gitlab-Token": "s3cret-for-test"],
        ["X-Reconcile-Signature": "sha256=\(hex.prefix(62))"],
        ["X-Hub-Signature-256": "sha256=", "X-Reconcile-Signature": "sha256=\(hex)"],  // a bad GitHub header is not bypassed
    ])
    func refusesWrongOrMissing(headers: [String: String]) {
        #expect(SignatureCheck.gitSender(WebhookRequest(headers: headers, body: Self.body), secret: Self.secret) == nil)
    }

    @Test func signatureCoversTheBody() {
        let headers = ["X-Reconcile-Signature": "sha256=\(Self.hex)"]
        let tampered = WebhookRequest(headers: headers, body: Data(#"{"ref":"refs/heads/evil"}"#.utf8))
        #expect(SignatureCheck.gitSender(tampered, secret: Self.secret) == nil)
    }

    @Test func imageFormsUseTheirOwnSecrets() {
        let image = Secret("image-secret"), token = Secret("registry-token")
        let signed = WebhookRequest(headers: ["X-Reconcile-Signature": SignatureCheck.signatureHeader(body: Self.body, secret: image)],
                                    body: Self.body)
        #expect(SignatureCheck.imageSender(signed, secret: image, registryToken: token) == "generic")
        #expect(SignatureCheck.imageSender(signed, secret: Self.secret, registryToken: token) == nil)
        let bearer = WebhookRequest(headers: ["Authorization": "Bearer registry-token"], body: Self.body)
        #expect(SignatureCheck.imageSender(bearer, secret: image, registryToken: token) == "registry")
        #expect(SignatureCheck.imageSender(bearer, secret: image, registryToken: nil) == nil)
        let wrong = WebhookRequest(headers: ["Authorization": "Bearer image-secret"], body: Self.body)
        #expect(SignatureCheck.imageSender(wrong, secret: image, registryToken: token) == nil)
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
