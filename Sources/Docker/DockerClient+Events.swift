import FoundationEssentials
import HTTP

/// The engine's event stream.
extension DockerClient {
    /// `GET /events` as an async sequence of typed events. The stream runs
    /// until the consumer stops iterating or its task is cancelled (either
    /// aborts the HTTP transfer within about a second), or the engine goes
    /// away (the sequence then throws `DockerError`). `since` replays events
    /// from that time, so a caller can subscribe and act without a race.
    public func events(filters: DockerFilters = DockerFilters(), since: Date? = nil) -> AsyncThrowingStream<DockerEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let sinceValue = since.map { String(Int64($0.timeIntervalSince1970.rounded(.down))) }
                    let path = try await versioned("/events")
                        + DockerQuery([("since", sinceValue), ("filters", filters.queryValue)]).string
                    let response = try await streamExchange(HTTPRequest(method: "GET", path: path)) { line in
                        guard !Self.isBlank(line) else { return .continue }
                        let event: DockerEvent
                        do { event = try DockerJSON.decoder.decode(DockerEvent.self, from: line) } catch {
                            let sample = String(decoding: line.prefix(200), as: UTF8.self)
                            continuation.finish(throwing: self.error("GET", path, .decoding("unreadable event (\(error)): \(sample)")))
                            return .stop
                        }
                        if case .terminated = continuation.yield(event) { return .stop }
                        return .continue
                    }
                    if (200..<300).contains(response.status) {
                        continuation.finish()
                    } else {
                        continuation.finish(throwing: apiError("GET", path, response))
                    }
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
