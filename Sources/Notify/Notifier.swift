import Basics
import Controller
import FoundationEssentials
import HTTP
import Logging

/// Sends what a pass did to the configured channels. Every channel is tried concurrently with a short timeout;
/// failures are logged and swallowed, so a dead phone-push server never slows or fails a pass.
public struct Notifier: Sendable {
    /// Makes the transport for a channel's server; injectable so tests can count or fake requests.
    public typealias TransportFactory = @Sendable (Endpoint, CurlTransport.Options) -> any HTTPTransport

    public let config: NotificationConfig
    private let logger: Logger
    private let makeTransport: TransportFactory
    private let repeats = RepeatFilter()

    public init(config: NotificationConfig, logger: Logger,
                transport: @escaping TransportFactory = { CurlTransport(endpoint: $0, options: $1) }) {
        self.config = config
        self.logger = logger
        self.makeTransport = transport
    }

    /// Tells every interested channel about the stacks this pass applied, failed or rolled back. A failure
    /// already told in the same words is not told again until the stack was seen healthy (timer passes repeat).
    @discardableResult
    public func notify(_ report: PassReport) async -> [NotificationDelivery] {
        await send(repeats.fresh(NotificationEvent.events(from: report), after: report))
    }

    /// Tells every interested channel that a commit was refused because it does not load (once per commit and errors).
    @discardableResult
    public func notifyInvalidCommit(commit: String?, diagnostics: [String], heldStacks: [String]? = nil) async
        -> [NotificationDelivery] {
        await send(repeats.fresh([NotificationEvent(event: .invalid, commit: commit, diagnostics: diagnostics,
                                                    heldStacks: heldStacks)]))
    }

    /// Sends each event to each channel that asked for its kind, all at once; returns when every one has ended.
    @discardableResult
    public func send(_ events: [NotificationEvent]) async -> [NotificationDelivery] {
        let jobs = events.flatMap { event in
            config.channels.filter { $0.events.contains(event.event) }.map { (channel: $0, event: event) }
        }
        guard !jobs.isEmpty else { return [] }
        return await withTaskGroup(of: NotificationDelivery.self) { group in
            for job in jobs {
                group.addTask { await deliver(job.event, to: job.channel) }
            }
            var deliveries: [NotificationDelivery] = []
            for await delivery in group { deliveries.append(delivery) }
            return deliveries
        }
    }

    /// One POST; any failure becomes a logged delivery result instead of an error.
    func deliver(_ event: NotificationEvent, to channel: NotificationChannel) async -> NotificationDelivery {
        let started = ContinuousClock.now
        var delivery = NotificationDelivery(channel: channel.name, event: event.event)
        do {
            let built = try ChannelRequest(channel: channel, event: event)
            let options = CurlTransport.Options(connectTimeout: min(channel.timeout, .seconds(3)), timeout: channel.timeout,
                                                maxIdleConnections: 0)
            let response = try await makeTransport(built.endpoint, options).send(built.request)
            delivery.status = response.status
            if !(200..<300).contains(response.status) {
                let detail = String(decoding: response.body.prefix(300), as: UTF8.self)
                throw NotifyError(channel: channel.name, reason: "HTTP \(response.status): \(detail)")
            }
        } catch let error as NotifyError {
            delivery.error = error.description
        } catch {
            delivery.error = NotifyError(channel: channel.name, reason: "\(error)").description
        }
        delivery.error = delivery.error.map { Self.redact($0, channel) }
        delivery.duration = ContinuousClock.now - started
        log(delivery, event)
        return delivery
    }

    /// Transport errors quote the request path, which holds Gotify's `?token=`: the token never reaches a log.
    static func redact(_ text: String, _ channel: NotificationChannel) -> String {
        guard let token = channel.token, !token.isEmpty else { return text }
        return text.replacingEvery(token, with: "<redacted>")
            .replacingEvery(ChannelRequest.queryEscaped(token), with: "<redacted>")
    }

    private func log(_ delivery: NotificationDelivery, _ event: NotificationEvent) {
        var metadata: Logger.Metadata = [
            "notify.channel": .string(delivery.channel),
            "notify.event": .string(event.event.rawValue),
        ]
        if let host = event.host { metadata["host.name"] = .string(host) }
        if let stack = event.stack { metadata["stack.name"] = .string(stack) }
        if let error = delivery.error {
            metadata["error"] = .string(error)
            logger.warning("notification not delivered", metadata: metadata)
        } else {
            logger.debug("notification delivered", metadata: metadata)
        }
    }
}
