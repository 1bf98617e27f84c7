import Basics
import FoundationEssentials
import HTTP

/// Pokes a running daemon (`POST /api/trigger`), signed with the git webhook secret like the generic hook.
public struct TriggerClient: Sendable {
    /// Why a trigger did not land, with what the daemon said.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var url: String
        public var status: Int?
        public var message: String
        public var description: String {
            guard let status else { return "cannot reach the daemon at \(url): \(message)" }
            let hint = status == 401 ? " (is the secret file the daemon's --webhook-secret-file?)"
                : status == 404 ? " (the daemon has no --webhook-secret-file, so triggers are disabled)" : ""
            return "the daemon at \(url) answered \(status): \(message)\(hint)"
        }
    }

    public var host: String
    public var port: Int
    public var secret: Secret

    public init(url: String, secret: Secret) throws {
        let trimmed = url.hasPrefix("http://") ? String(url.dropFirst("http://".count)) : url
        let address = try DaemonSettings.parseListen(String(trimmed.prefix { $0 != "/" }))
        self.host = address.host
        self.port = address.port
        self.secret = secret
    }

    /// Sends one trigger; returns the daemon's answer line.
    public func send(reason: String) async throws -> String {
        let body = try JSONEncoder().encode(["reason": reason])
        var headers = HTTP.HTTPHeaders()
        headers.add("Content-Type", "application/json")
        headers.add("X-Reconcile-Signature", SignatureCheck.genericSignatureHeader(body: body, secret: secret))
        headers.add("X-Reconcile-Delivery", UUID().uuidString.lowercased())
        let transport = CurlTransport(endpoint: Endpoint(address: .tcp(host: host, port: port)))
        let url = "http://\(host):\(port)/api/trigger"
        let response: HTTP.HTTPResponse
        do {
            response = try await transport.send(HTTP.HTTPRequest(method: "POST", path: "/api/trigger", headers: headers,
                                                                 body: body, timeout: .seconds(10)))
        } catch {
            throw Failure(url: url, status: nil, message: "\(error)")
        }
        let text = String(decoding: response.body, as: UTF8.self).trimmingWhitespaceAndNewlines()
        guard (200..<300).contains(response.status) else { throw Failure(url: url, status: response.status, message: text) }
        return text
    }
}
