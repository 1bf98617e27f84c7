import FoundationEssentials
import HTTP
import Logging

/// `GET /v2/<name>/tags/list`, page by page through `Link: <…>; rel="next"`, with the same token flow as manifests.
extension RegistryClient {
    /// Pages followed at most, so a registry that links in a circle cannot keep us asking.
    static let maximumTagPages = 50

    /// Every tag of `image`'s repository, or why they could not be listed.
    public func listTags(_ image: ImageName) async -> TagListResult {
        let key = image.registry + "/" + image.repository
        var requests = 0
        var last = HTTPResponse(status: 0)
        var tags: [String] = []
        var path: String? = "/v2/\(image.repository)/tags/list?n=1000"
        do {
            while let page = path {
                guard requests < Self.maximumTagPages * 2 else { break }
                let sent = authorization(for: image, key: key)
                last = try await get(page, image: image, authorization: sent)
                requests += 1
                if last.status == 401, let header = last.headers["WWW-Authenticate"],
                   let retry = try await answer(challenge: header, image: image, key: key, sent: sent) {
                    last = try await get(page, image: image, authorization: retry)
                    requests += 1
                }
                guard (200..<300).contains(last.status) else { break }
                tags += try Self.decodeTags(last.body, image: image)
                path = Self.nextPage(last.headers["Link"])
            }
        } catch let error as RegistryError {
            return TagListResult(image: image, outcome: .failure(error),
                                 rateLimit: RateLimitHeaders(headers: last.headers, now: clock()), registryRequests: requests)
        } catch {
            return TagListResult(image: image, outcome: .failure(.transport(image: image.canonical, detail: "\(error)")),
                                 rateLimit: RateLimitHeaders(), registryRequests: requests)
        }
        let now = clock()
        let limits = RateLimitHeaders(headers: last.headers, now: now)
        let outcome: Result<[String], RegistryError> = (200..<300).contains(last.status)
            ? .success(tags) : .failure(Self.failure(of: last, image: image, limits: limits, now: now))
        return TagListResult(image: image, outcome: outcome, rateLimit: limits, registryRequests: requests)
    }

    private func get(_ path: String, image: ImageName, authorization: String?) async throws -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Accept", "application/json")
        if let authorization { headers.add("Authorization", authorization) }
        logger.debug("registry tags/list", metadata: ["image.repository": "\(image.repository)"])
        return try await transport(for: image.endpoint).send(HTTPRequest(method: "GET", path: path, headers: headers,
                                                                         timeout: requestTimeout))
    }

    /// The path of `Link: </v2/x/tags/list?n=2&last=b>; rel="next"`, or nil on the last page.
    static func nextPage(_ link: String?) -> String? {
        guard let link else { return nil }
        for part in link.split(separator: ",") where part.contains("rel=\"next\"") || part.contains("rel=next") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close else { continue }
            let target = part[part.index(after: open)..<close]
            // Registries send a path; some send an absolute URL on the same host: keep its path and query.
            if target.hasPrefix("/") { return String(target) }
            guard target.hasPrefix("http://") || target.hasPrefix("https://") else { return nil }
            let afterScheme = target.drop { $0 != ":" }.dropFirst(3)
            guard let slash = afterScheme.firstIndex(of: "/") else { return nil }
            return String(afterScheme[slash...])
        }
        return nil
    }

    private static func decodeTags(_ body: Data, image: ImageName) throws(RegistryError) -> [String] {
        struct Page: Decodable { var tags: [String]? }
        do {
            return try JSONDecoder().decode(Page.self, from: body).tags ?? []
        } catch {
            throw .unexpectedStatus(image: image.canonical, status: 200, detail: "tag list is not JSON {\"tags\": [...]}")
        }
    }
}
