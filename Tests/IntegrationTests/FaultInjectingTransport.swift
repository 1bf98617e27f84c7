import Foundation
import HTTP
import Synchronization

/// Wraps the real lab engine's transport and makes Docker answer 500 to the Nth request of one kind (and the
/// next few, if asked);
/// every other request goes to the engine untouched.
final class FaultInjectingTransport: HTTPTransport {
    /// The Engine API requests a rollout and a rollback make, as the fault table names them.
    enum Step: String, CaseIterable, Sendable {
        case create, stop, rename, start, remove, inspect, events

        func matches(_ request: HTTPRequest) -> Bool {
            let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
            switch self {
            case .create: return request.method == "POST" && path.hasSuffix("/containers/create")
            case .stop: return request.method == "POST" && path.hasSuffix("/stop")
            case .rename: return request.method == "POST" && path.hasSuffix("/rename")
            case .start: return request.method == "POST" && path.hasSuffix("/start")
            case .remove: return request.method == "DELETE" && path.contains("/containers/")
            case .inspect: return request.method == "GET" && path.contains("/containers/") && path.hasSuffix("/json")
                && !path.hasSuffix("/containers/json")
            case .events: return request.method == "GET" && path.hasSuffix("/events")
            }
        }
    }

    /// One fault, counted across every connection the controller opens (recovery opens its own).
    final class Fault: Sendable {
        let step: Step
        let nth: Int
        /// How many requests in a row fail from the Nth on (more than the in-pass retries leaves it to the next pass).
        let times: Int
        fileprivate let seen = Mutex(0)
        /// Whether the fault was delivered (a row whose fault never fired proves nothing).
        let fired = Mutex(false)

        init(_ step: Step, nth: Int, times: Int = 1) {
            self.step = step
            self.nth = nth
            self.times = times
        }

        func wrap(_ base: any HTTPTransport) -> any HTTPTransport { FaultInjectingTransport(base, fault: self) }
    }

    let base: any HTTPTransport
    let fault: Fault

    init(_ base: any HTTPTransport, fault: Fault) {
        self.base = base
        self.fault = fault
    }

    var endpoint: Endpoint { base.endpoint }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if shouldFail(request) { return Self.fault }
        return try await base.send(request)
    }

    func stream(_ request: HTTPRequest, onLine: @escaping @Sendable (Data) -> StreamDecision) async throws -> HTTPResponse {
        if shouldFail(request) { return Self.fault }
        return try await base.stream(request, onLine: onLine)
    }

    private func shouldFail(_ request: HTTPRequest) -> Bool {
        guard fault.step.matches(request) else { return false }
        let count = fault.seen.withLock { $0 += 1; return $0 }
        guard count >= fault.nth, count < fault.nth + fault.times else { return false }
        fault.fired.withLock { $0 = true }
        return true
    }

    static let fault = HTTPResponse(status: 500, headers: ["Content-Type": "application/json"],
                                    body: Data(#"{"message":"injected fault"}"#.utf8))
}
