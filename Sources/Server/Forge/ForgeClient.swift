import Basics
import FoundationEssentials
import HTTP

/// The two forge calls reconcile makes, over the API every supported forge shares the shape of: the branch head
/// (conditional, by ETag) and a commit status. GitHub and Gitea/Forgejo differ only in path and headers.
struct ForgeClient: Sendable {
    /// What one head request found.
    enum Head: Sendable, Equatable {
        /// 200: the branch's head commit, and the ETag to send next time (nil when the forge sends none).
        case commit(String, etag: String?)
        /// 304: nothing changed since the ETag sent.
        case notModified
    }

    let config: ForgeConfig
    let branch: String
    let transport: any HTTPTransport

    init(config: ForgeConfig, branch: String) {
        self.config = config
        self.branch = branch
        let https = config.api.scheme?.lowercased() == "https"
        let endpoint = Endpoint(address: .tcp(host: config.api.host ?? "127.0.0.1", port: config.api.port ?? (https ? 443 : 80)),
                                tls: https ? TLSConfig() : nil)
        transport = CurlTransport(endpoint: endpoint, options: .init(connectTimeout: .seconds(5), timeout: .seconds(20)))
    }

    /// `/repos/{owner}/{name}` under the API base's path.
    var repoPath: String {
        let base = config.api.path.hasSuffix("/") ? String(config.api.path.dropLast()) : config.api.path
        return base + "/repos/" + config.repo.split(separator: "/").map { String($0).percentEncoded(keepingAlphanumericsAnd: "-._~") }
            .joined(separator: "/")
    }

    /// GitHub: `GET /repos/{o}/{r}/commits/{branch}` as `application/vnd.github.sha` (the bare sha);
    /// Gitea/Forgejo: `GET /repos/{o}/{r}/branches/{branch}` (JSON, the sha at `commit.id`).
    func head(etag: String?) async throws -> (head: Head, response: HTTPResponse) {
        let encoded = branch.percentEncoded(keepingAlphanumericsAnd: "-._~")
        var headers = try baseHeaders()
        if let etag { headers.add("If-None-Match", etag) }
        let path: String
        switch config.kind {
        case .github:
            path = repoPath + "/commits/" + encoded
            headers.add("Accept", "application/vnd.github.sha")
        case .gitea, .forgejo:
            path = repoPath + "/branches/" + encoded
            headers.add("Accept", "application/json")
        }
        let response = try await transport.send(HTTPRequest(method: "GET", path: path, headers: headers))
        switch response.status {
        case 304:
            return (.notModified, response)
        case 200:
            guard let sha = commit(in: response.body) else {
                throw ForgeError.unexpectedBody(path: path, body: String(decoding: response.body.prefix(200), as: UTF8.self))
            }
            return (.commit(sha, etag: response.headers["ETag"]), response)
        default:
            throw ForgeError.status(response.status, path: path, body: String(decoding: response.body.prefix(200), as: UTF8.self),
                                    response: response)
        }
    }

    /// The sha from a head answer: the whole body (GitHub's sha media type) or `commit.id` (Gitea/Forgejo).
    func commit(in body: Data) -> String? {
        let sha: String?
        switch config.kind {
        case .github: sha = String(decoding: body, as: UTF8.self).trimmingWhitespaceAndNewlines()
        case .gitea, .forgejo: sha = JSONValue.parse(body)?["commit"]?["id"]?.string
        }
        guard let sha, (7...64).contains(sha.count), sha.allSatisfy(\.isHexDigit) else { return nil }
        return sha
    }

    /// `POST /repos/{o}/{r}/statuses/{sha}` with `{state, context, description}`, the same on every forge.
    func postStatus(commit: String, context: String, state: CommitState, description: String) async throws {
        var headers = try baseHeaders()
        headers.add("Content-Type", "application/json")
        let body = try JSONEncoder().encode(StatusBody(state: state, context: context, description: description))
        let path = repoPath + "/statuses/" + commit
        let response = try await transport.send(HTTPRequest(method: "POST", path: path, headers: headers,
                                                            body: body))
        guard (200..<300).contains(response.status) else {
            throw ForgeError.status(response.status, path: path, body: String(decoding: response.body.prefix(200), as: UTF8.self),
                                    response: response)
        }
    }

    /// A commit status's state, spelled as every forge spells it (reconcile posts only these two).
    enum CommitState: String, Sendable, Encodable {
        case success, failure
    }

    struct StatusBody: Encodable {
        var state: CommitState
        var context: String
        var description: String
    }

    /// The token (read from its file each time, so a rotated token is picked up) and the headers every call sends.
    func baseHeaders() throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add("User-Agent", "reconcile")
        if config.kind == .github { headers.add("X-GitHub-Api-Version", "2022-11-28") }
        if let file = config.tokenFile {
            let token = String(decoding: try Secret.read(file: file).bytes, as: UTF8.self)
            headers.add("Authorization", (config.kind == .github ? "Bearer " : "token ") + token)
        }
        return headers
    }
}
