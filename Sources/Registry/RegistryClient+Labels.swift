import FoundationEssentials
import HTTP
import Logging

/// An image's labels, read from its config blob (`GET` manifest, then `GET /v2/<name>/blobs/<config digest>`),
/// never pulling the layers: what a notification needs to link to the release (`org.opencontainers.image.source`).
extension RegistryClient {
    /// The `config.Labels` of `image`'s tag; for a multi-platform index, of the linux/amd64 image (else the first).
    public func labels(of image: ImageName) async throws(RegistryError) -> [String: String] {
        let reference = image.digest ?? image.tag
        var manifest = try await fetch("/v2/\(image.repository)/manifests/\(reference)", image: image,
                                       accept: Self.acceptedMediaTypes.joined(separator: ", "))
        var parsed = try Self.decode(Manifest.self, manifest.body, image: image, what: "manifest")
        if let entries = parsed.manifests {
            let chosen = entries.first { $0.platform?.os == "linux" && $0.platform?.architecture == "amd64" }
                ?? entries.first { $0.platform?.os != "unknown" }
            guard let chosen else {
                throw .unexpectedStatus(image: image.canonical, status: 200, detail: "the index lists no image")
            }
            manifest = try await fetch("/v2/\(image.repository)/manifests/\(chosen.digest)", image: image,
                                       accept: Self.acceptedMediaTypes.joined(separator: ", "))
            parsed = try Self.decode(Manifest.self, manifest.body, image: image, what: "manifest")
        }
        guard let config = parsed.config?.digest else {
            throw .unexpectedStatus(image: image.canonical, status: 200, detail: "the manifest names no config blob")
        }
        let blob = try await fetch("/v2/\(image.repository)/blobs/\(config)", image: image, accept: "*/*")
        return try Self.decode(ConfigBlob.self, blob.body, image: image, what: "config blob").config?.Labels ?? [:]
    }

    /// A GET with the token flow; a non-2xx answer throws what it stands for.
    private func fetch(_ path: String, image: ImageName, accept: String) async throws(RegistryError) -> HTTPResponse {
        let key = image.registry + "/" + image.repository
        var last: HTTPResponse
        do {
            let sent = authorization(for: image, key: key)
            last = try await get(path, accept: accept, image: image, authorization: sent)
            if last.status == 401, let header = last.headers["WWW-Authenticate"],
               let retry = try await answer(challenge: header, image: image, key: key, sent: sent) {
                last = try await get(path, accept: accept, image: image, authorization: retry)
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .transport(image: image.canonical, detail: "\(error)")
        }
        guard (200..<300).contains(last.status) else {
            let now = clock()
            throw Self.failure(of: last, image: image, limits: RateLimitHeaders(headers: last.headers, now: now), now: now)
        }
        return last
    }

    private func get(_ path: String, accept: String, image: ImageName, authorization: String?) async throws -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Accept", accept)
        if let authorization { headers.add("Authorization", authorization) }
        logger.debug("registry GET", metadata: ["registry.path": "\(path)"])
        return try await transport(for: image.endpoint).send(HTTPRequest(method: "GET", path: path, headers: headers,
                                                                         timeout: requestTimeout))
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ body: Data, image: ImageName,
                                             what: String) throws(RegistryError) -> T {
        do { return try JSONDecoder().decode(type, from: body) } catch {
            throw .unexpectedStatus(image: image.canonical, status: 200, detail: "the \(what) is not the JSON expected")
        }
    }

    /// An image manifest (`config`) or an index (`manifests`), the fields read here.
    struct Manifest: Decodable {
        struct Descriptor: Decodable {
            struct Platform: Decodable { var os: String?; var architecture: String? }
            var digest: String
            var platform: Platform?
        }
        var config: Descriptor?
        var manifests: [Descriptor]?
    }

    /// The image config's `config.Labels`.
    struct ConfigBlob: Decodable {
        struct Config: Decodable { var Labels: [String: String]? }
        var config: Config?
    }
}
