import Foundation
import HTTP
import Logging
@testable import Docker
import Synchronization
import Testing

@Suite("DockerClient: pull progress and events streams")
struct DockerStreamTests {
    static func client(lines: [String], status: Int = 200) -> (DockerClient, MockTransport) {
        let transport = MockTransport { request in
            if request.path == "/_ping" { return .ping("1.41") }
            return MockTransport.Reply(status: status, lines: lines)
        }
        return (DockerClient(host: "iot", transport: transport, logger: Logger(label: "test"), versions: NegotiatedVersions()), transport)
    }

    @Test func errorLineInsideA200PullStreamThrows() async throws {
        let (docker, transport) = Self.client(lines: [
            #"{"status":"Pulling from lab/app","id":"2"}"#,
            #"{"status":"Downloading","progressDetail":{"current":10,"total":100},"progress":"[=>  ]","id":"9584fec1a0ad"}"#,
            #"{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}"#,
            #"{"status":"never seen"}"#,
        ])
        let seen = Mutex<[String]>([])
        let error = await #expect(throws: DockerError.self) {
            try await docker.pullImage("127.0.0.1:5000/lab/app:2") { item in
                seen.withLock { $0.append(item.status ?? "") }
            }
        }
        guard case .stream(let message)? = error?.kind else {
            Issue.record("expected a stream error, got \(String(describing: error))")
            return
        }
        #expect(message == "unexpected EOF")
        #expect(seen.withLock { $0 } == ["Pulling from lab/app", "Downloading"])
        #expect(transport.requests.last?.path == "/v1.41/images/create?fromImage=127.0.0.1%3A5000%2Flab%2Fapp&tag=2")
        #expect(transport.requests.last?.method == "POST")
    }

    @Test func malformedProgressLineIsADecodingError() async throws {
        let (docker, _) = Self.client(lines: [#"{"status":"Pulling"}"#, "<html>proxy error</html>"])
        let error = await #expect(throws: DockerError.self) { try await docker.pullImage("lab/app") }
        guard case .decoding(let detail)? = error?.kind else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("<html>proxy error</html>"))
    }

    @Test func pullRefusedUpFrontIsAnAPIError() async throws {
        let transport = MockTransport { request in
            request.path == "/_ping" ? .ping("1.41") : .json(404, #"{"message":"manifest for lab/app:9 not found"}"#)
        }
        let docker = DockerClient(host: "iot", transport: transport, logger: Logger(label: "test"), versions: NegotiatedVersions())
        let error = await #expect(throws: DockerError.self) { try await docker.pullImage("lab/app:9") }
        #expect(error?.isNotFound == true)
        #expect(error?.description.hasSuffix("→ 404: manifest for lab/app:9 not found") == true)
    }

    @Test func eventsAreTypedAndFiltered() async throws {
        let text = String(decoding: try fixture("events.jsonl"), as: UTF8.self)
        let (docker, transport) = Self.client(lines: text.split(separator: "\n").map(String.init))
        var actions: [String] = []
        for try await event in docker.events(filters: .label("reconcile.stack", "web").adding("type", "container")) {
            #expect(event.type == "container")
            #expect(event.actor.attributes?["reconcile.stack"] == "web")
            actions.append(event.action)
        }
        #expect(actions.prefix(2) == ["create", "start"])
        #expect(actions.contains { $0.hasPrefix("health_status") })
        let path = try #require(transport.requests.last?.path)
        #expect(path.hasPrefix("/v1.41/events?filters="))
        let encoded = try #require(path.split(separator: "=", maxSplits: 1).last.map(String.init)?.removingPercentEncoding)
        #expect(encoded == #"{"label":["reconcile.stack=web"],"type":["container"]}"#)
    }
}
