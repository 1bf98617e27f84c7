import Basics
import HTTP

/// A forge answer reconcile could not use; the message says what to check. Never carries the token.
struct ForgeError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case status(Int)
        case unexpectedBody
    }

    var kind: Kind
    var path: String
    var body: String
    /// The answer itself, for its rate-limit headers.
    var response: HTTPResponse?

    static func status(_ status: Int, path: String, body: String, response: HTTPResponse) -> ForgeError {
        ForgeError(kind: .status(status), path: path, body: body, response: response)
    }

    static func unexpectedBody(path: String, body: String) -> ForgeError {
        ForgeError(kind: .unexpectedBody, path: path, body: body, response: nil)
    }

    var description: String {
        switch kind {
        case .status(let status):
            let hint: String
            switch status {
            case 401: hint = ": check forge.token_file (the token is missing, wrong or expired)"
            case 403, 429: hint = ": rate-limited or not allowed; reconcile waits as the forge says"
            case 404: hint = ": check forge.repo, forge.branch and forge.api (a private repo needs token_file)"
            default: hint = ""
            }
            return "forge answered \(status) to \(path)\(hint): \(body.trimmingWhitespaceAndNewlines())"
        case .unexpectedBody:
            return "forge answered \(path) without a commit sha: \(body)"
        }
    }
}
