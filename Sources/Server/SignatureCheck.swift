import Basics
import Crypto
import FoundationEssentials

/// Signature checks for every webhook form; each comparison runs in constant time.
public enum SignatureCheck {
    /// `sha256=<hex>` as GitHub and the generic form send it.
    public static func signatureHeader(body: Data, secret: Secret) -> String {
        "sha256=" + hmacHex(body: body, secret: secret)
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

extension SignatureCheck {
    /// `/hooks/git` and `/api/trigger`: GitHub, Gitea/Forgejo, GitLab or the generic header; returns the form that matched.
    static func gitSender(_ request: WebhookRequest, secret: Secret) -> String? {
        if request["x-hub-signature-256"] != nil {
            return validHMAC(request["x-hub-signature-256"], body: request.body, secret: secret, prefixed: true) ? "github" : nil
        }
        if request["x-gitea-signature"] != nil || request["x-forgejo-signature"] != nil {
            let header = request["x-gitea-signature"] ?? request["x-forgejo-signature"]
            return validHMAC(header, body: request.body, secret: secret, prefixed: false) ? "gitea" : nil
        }
        if request["x-gitlab-token"] != nil {
            return validToken(request["x-gitlab-token"], secret: secret) ? "gitlab" : nil
        }
        return validHMAC(request["x-reconcile-signature"], body: request.body, secret: secret, prefixed: true)
            ? "generic" : nil
    }

    /// `/hooks/image`: a signed generic or GitHub body with the image secret, or the registry's static bearer token.
    static func imageSender(_ request: WebhookRequest, secret: Secret?, registryToken: Secret?) -> String? {
        if let secret {
            if validHMAC(request["x-reconcile-signature"], body: request.body, secret: secret, prefixed: true) {
                return "generic"
            }
            if validHMAC(request["x-hub-signature-256"], body: request.body, secret: secret, prefixed: true) {
                return "github"
            }
        }
        if let registryToken, let auth = request["authorization"], auth.hasPrefix("Bearer ") {
            return validToken(String(auth.dropFirst("Bearer ".count)), secret: registryToken) ? "registry" : nil
        }
        return nil
    }
}
