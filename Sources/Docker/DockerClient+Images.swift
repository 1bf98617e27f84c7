import FoundationEssentials
import HTTP
import Synchronization

/// Images: pull (streamed progress), inspect, tag.
extension DockerClient {
    /// `POST /images/create?fromImage=&tag=`. Docker answers 200 and then
    /// reports failures inside the progress stream; such a line throws
    /// `DockerError` with kind `.stream`. `progress` sees every other line.
    /// `registryAuth` is the base64 `X-Registry-Auth` value, if the registry needs one.
    public func pullImage(_ reference: String, registryAuth: String? = nil, platform: String? = nil,
                          progress: (@Sendable (PullProgress) -> Void)? = nil) async throws {
        let (name, tag) = Self.splitReference(reference)
        let query = DockerQuery([("fromImage", name), ("tag", tag), ("platform", platform)])
        let path = try await versioned("/images/create") + query.string
        var headers = HTTPHeaders()
        if let registryAuth { headers.set("X-Registry-Auth", registryAuth) }
        let failure = Mutex<DockerError.Kind?>(nil)
        let request = HTTPRequest(method: "POST", path: path, headers: headers, lowSpeed: Self.pullLowSpeed)
        let response = try await streamExchange(request) { line in
            guard !Self.isBlank(line) else { return .continue }
            guard let item = try? DockerJSON.decoder.decode(PullProgress.self, from: line) else {
                failure.withLock { $0 = .decoding("unreadable pull progress line: \(String(decoding: line.prefix(200), as: UTF8.self))") }
                return .stop
            }
            if let message = item.errorDetail?.message ?? item.error {
                failure.withLock { $0 = .stream(message: message) }
                return .stop
            }
            progress?(item)
            return .continue
        }
        guard (200..<300).contains(response.status) else { throw apiError("POST", path, response) }
        if let kind = failure.withLock({ $0 }) { throw error("POST", path, kind) }
    }

    /// A pull that moves no byte of progress for two minutes is stalled (a registry that stopped answering):
    /// the engine reports every layer's progress far more often than that.
    public static let pullLowSpeed = (bytes: 1, window: Duration.seconds(120))

    /// `GET /images/{name}/json`.
    public func inspectImage(_ reference: String) async throws -> ImageInspect {
        try await get("/images/\(DockerQuery.segment(reference))/json", as: ImageInspect.self)
    }

    /// `POST /images/{name}/tag?repo=&tag=`: gives `source` the name `target`.
    public func tagImage(_ source: String, as target: String) async throws {
        let (repo, tag) = Self.splitReference(target)
        try await call("POST", "/images/\(DockerQuery.segment(source))/tag", query: DockerQuery([("repo", repo), ("tag", tag)]))
    }

    /// `DELETE /images/{name}`; `force` also removes it when containers or other tags use it.
    public func removeImage(_ reference: String, force: Bool = false) async throws {
        try await call("DELETE", "/images/\(DockerQuery.segment(reference))", query: DockerQuery([("force", force ? "1" : nil)]))
    }

    /// `registry:5000/lab/app:2` → (`registry:5000/lab/app`, `2`); a digest
    /// reference keeps `sha256:…` as the tag; no tag means `latest`.
    static func splitReference(_ reference: String) -> (name: String, tag: String) {
        if let at = reference.firstIndex(of: "@") {
            return (String(reference[..<at]), String(reference[reference.index(after: at)...]))
        }
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        if let colon = reference[lastSlash...].lastIndex(of: ":") {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, "latest")
    }

    static func isBlank(_ line: Data) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
