import Foundation
import HTTP

/// A plain GET to a loopback port, nil when nothing answers yet.
struct CurlProbe {
    let port: Int

    func get(_ path: String) async -> String? {
        let transport = CurlTransport(endpoint: Endpoint(address: .tcp(host: "127.0.0.1", port: port)))
        guard let response = try? await transport.send(HTTP.HTTPRequest(method: "GET", path: path, timeout: .seconds(5))),
              response.status == 200 else { return nil }
        return String(decoding: response.body, as: UTF8.self)
    }
}
