import Docker
import Foundation
import HTTP
import Logging
import Testing

/// The lab that `scripts/lab up` starts, found through `$RECONCILE_LAB` (the
/// lab directory holding `lab.env`). Lab tests are disabled when the variable
/// is unset, so a plain `swift test` on a machine without engines passes;
/// the README's test command and .ci/run always set it.
struct Lab: Sendable {
    /// Why lab tests were skipped, shown by the test runner.
    static let skipReason: Comment = "RECONCILE_LAB is not set: run `scripts/lab up` and set RECONCILE_LAB=/tmp/reconcile-lab"

    /// True when the environment names a lab; tests then fail if it is not really there.
    static var isConfigured: Bool { ProcessInfo.processInfo.environment["RECONCILE_LAB"] != nil }

    let values: [String: String]

    /// Reads `$RECONCILE_LAB/lab.env`.
    static func load() throws -> Lab {
        guard let dir = ProcessInfo.processInfo.environment["RECONCILE_LAB"] else { throw LabError("RECONCILE_LAB is not set") }
        let file = dir + "/lab.env"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw LabError("cannot read \(file); run `scripts/lab up` first")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.contains("=") && !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1)
            values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return Lab(values: values)
    }

    func value(_ key: String) throws -> String {
        guard let value = values[key] else { throw LabError("lab.env has no \(key)") }
        return value
    }

    /// The TLS material the edge engine accepts.
    func edgeTLS() throws -> TLSConfig {
        TLSConfig(ca: try value("EDGE_CA"), cert: try value("EDGE_CERT"), key: try value("EDGE_KEY"))
    }

    /// `nas`, `iot`, `modern` (unix sockets) or `edge` (mutual TLS; `tls` overrides the right certificate).
    func endpoint(_ host: String, tls: TLSConfig? = nil) throws -> Endpoint {
        switch host {
        case "nas": return try DockerEndpoint.parse("unix://" + value("NAS_SOCK"), tls: nil, insecure: false)
        case "iot": return try DockerEndpoint.parse("unix://" + value("IOT_SOCK"), tls: nil, insecure: false)
        case "modern": return try DockerEndpoint.parse("unix://" + value("MODERN_SOCK"), tls: nil, insecure: false)
        case "edge":
            let right = try edgeTLS()
            let parsed = try DockerEndpoint.parse(value("EDGE_URL"), tls: right, insecure: false)
            return Endpoint(address: parsed.address, tls: tls ?? right)
        default: throw LabError("no lab host \(host)")
        }
    }

    func client(_ host: String, tls: TLSConfig? = nil, options: CurlTransport.Options = .init()) throws -> DockerClient {
        DockerClient(host: host, transport: CurlTransport(endpoint: try endpoint(host, tls: tls), options: options),
                     logger: Logger(label: "lab.\(host)"))
    }

    /// A container or resource name no other test run uses.
    static func uniqueName(_ prefix: String) -> String {
        "it-\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

struct LabError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Removes the named containers whatever `body` did.
func withCleanup<T>(_ docker: DockerClient, containers names: [String], _ body: () async throws -> T) async throws -> T {
    do {
        let result = try await body()
        for name in names { try? await docker.removeContainer(name, force: true) }
        return result
    } catch {
        for name in names { try? await docker.removeContainer(name, force: true) }
        throw error
    }
}
