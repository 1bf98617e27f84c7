import FoundationEssentials

/// Reads the events a Distribution registry (`docker-registry`, the lab's) POSTs to its
/// `notifications.endpoints` on every push, so a push reaches the watcher without any polling.
public enum RegistryNotification {
    /// A tag that now points at a digest.
    public struct Push: Sendable, Equatable {
        /// `host/repository:tag`, as `ImageName` parses it.
        public var reference: String
        public var digest: String
    }

    /// The tagged manifest pushes in an events envelope; blob pushes, pulls and deletes are skipped.
    /// - Parameter registry: the registry host to use when the event does not name one (`request.host`).
    public static func pushes(in body: Data, registry: String? = nil) throws(NotificationError) -> [Push] {
        struct Envelope: Decodable { var events: [Event] }
        struct Event: Decodable {
            var action: String
            var target: Target
            var request: Request?
        }
        struct Target: Decodable {
            var digest: String?
            var repository: String?
            var tag: String?
        }
        struct Request: Decodable { var host: String? }

        let envelope: Envelope
        do { envelope = try JSONDecoder().decode(Envelope.self, from: body) } catch {
            throw NotificationError(detail: "not a registry events envelope ({\"events\": [...]}): \(error)")
        }
        return envelope.events.compactMap { event in
            guard event.action == "push", let tag = event.target.tag, !tag.isEmpty,
                  let digest = event.target.digest, let repository = event.target.repository,
                  let host = event.request?.host ?? registry else { return nil }
            return Push(reference: "\(host)/\(repository):\(tag)", digest: digest)
        }
    }
}

/// A notification body that could not be read.
public struct NotificationError: Error, Sendable, CustomStringConvertible {
    public var detail: String
    public var description: String { "registry notification rejected: \(detail)" }
}
