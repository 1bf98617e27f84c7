import Basics
import Crypto
import FoundationEssentials

/// Signature checks for every webhook form; each comparison runs in constant time.
public enum SignatureCheck {
    /// `sha256=<hex>` as GitHub sends it (`X-Hub-Signature-256`).
    public static func signatureHeader(body: Data, secret: Secret) -> String {
        "sha256=" + hmacHex(body: body, secret: secret)
    }

    /// The generic form (`X-Reconcile-Signature: t=<unix seconds>,sha256=<hex>`): the HMAC covers `"<t>." + body`,
    /// so a captured request is good for five minutes and, once seen, never again.
    public static func genericSignatureHeader(body: Data, secret: Secret, at time: Date = Date()) -> String {
        let timestamp = String(Int64(time.timeIntervalSince1970))
        return "t=\(timestamp),sha256=" + hmacHex(body: Data((timestamp + ".").utf8) + body, secret: secret)
    }

    public static func hmacHex(body: Data, secret: Secret) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret.bytes))
        return HexDigits.string(code)
    }

    /// Whether `hex` (optionally `sha256=`-prefixed) is the HMAC-SHA256 of `body`.
    static func validHMAC(_ header: String?, body: Data, secret: Secret, prefixed: Bool) -> Bool {
        guard var text = header?.trimmingWhitespace() else { return false }
        if prefixed {
            guard text.hasPrefix("sha256=") else { return false }
            text.removeFirst("sha256=".count)
        }
        guard let code = decodeHex(text) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: SymmetricKey(data: secret.bytes))
    }

    /// A token sent as is (GitLab, registry `Authorization: Bearer`): compares the digests so length leaks nothing.
    static func validToken(_ token: String?, secret: Secret) -> Bool {
        guard let token else { return false }
        let given = SHA256.hash(data: Array(token.utf8))
        let wanted = SHA256.hash(data: secret.bytes)
        return constantTimeEqual(Array(given), Array(wanted))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func decodeHex(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0, !chars.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A request whose signature checked out: who sent it, and what identifies it against replays.
struct VerifiedSender: Sendable, Equatable {
    /// `github`, `gitea`, `gitlab`, `generic` or `registry`.
    var sender: String
    /// The sender's delivery id, or (with no id, and always for the generic form) what the signature covers.
    var replayKey: String
    /// The signed timestamp (generic form): freshness and replay are then the `ReplayGuard`'s to judge.
    var timestamp: Int64? = nil
}

extension SignatureCheck {
    /// `/hooks/git` and `/api/trigger`: GitHub, Gitea/Forgejo, GitLab or the generic header.
    static func gitSender(_ request: WebhookRequest, secret: Secret, now: Date) -> VerifiedSender? {
        if let header = request["x-hub-signature-256"] {
            return validHMAC(header, body: request.body, secret: secret, prefixed: true) ? native("github", request) : nil
        }
        if request["x-gitea-signature"] != nil || request["x-forgejo-signature"] != nil {
            let header = request["x-gitea-signature"] ?? request["x-forgejo-signature"]
            return validHMAC(header, body: request.body, secret: secret, prefixed: false) ? native("gitea", request) : nil
        }
        if request["x-gitlab-token"] != nil {
            return validToken(request["x-gitlab-token"], secret: secret) ? native("gitlab", request) : nil
        }
        return generic(request, secret: secret, now: now)
    }

    /// `/hooks/image`: a signed generic or GitHub body with the image secret, or the registry's static bearer token.
    static func imageSender(_ request: WebhookRequest, secret: Secret?, registryToken: Secret?, now: Date) -> VerifiedSender? {
        if let secret {
            if let verified = generic(request, secret: secret, now: now) { return verified }
            if validHMAC(request["x-hub-signature-256"], body: request.body, secret: secret, prefixed: true) {
                return native("github", request)
            }
        }
        if let registryToken, let auth = request["authorization"], auth.hasPrefix("Bearer ") {
            return validToken(String(auth.dropFirst("Bearer ".count)), secret: registryToken) ? native("registry", request) : nil
        }
        return nil
    }

    /// The generic form: an HMAC over timestamp and body (freshness and replay as for signed messages).
    static func generic(_ request: WebhookRequest, secret: Secret, now: Date) -> VerifiedSender? {
        guard let header = request["x-reconcile-signature"] else { return nil }
        var timestamp: Substring?, signature: String?
        for part in header.split(separator: ",") {
            let field = part.trimmingWhitespace()
            if field.hasPrefix("t=") { timestamp = field.dropFirst(2) }
            if field.hasPrefix("sha256=") { signature = field }
        }
        // Freshness has one definition, the ReplayGuard's, which also remembers the signature against replays.
        guard let timestamp, let seconds = Int64(timestamp), ReplayGuard.isFresh(seconds, now: now) else { return nil }
        guard validHMAC(signature, body: Data((timestamp + ".").utf8) + request.body, secret: secret, prefixed: true),
              let signature else { return nil }
        return VerifiedSender(sender: "generic", replayKey: "sig:" + signature.dropFirst("sha256=".count).lowercased(),
                              timestamp: seconds)
    }

    /// GitHub, Gitea, GitLab and registries keep their own schemes: their delivery id, else the body itself.
    static func native(_ sender: String, _ request: WebhookRequest) -> VerifiedSender {
        let key = request.deliveryID ?? ("body:" + HexDigits.string(SHA256.hash(data: request.body)))
        return VerifiedSender(sender: sender, replayKey: key)
    }
}
