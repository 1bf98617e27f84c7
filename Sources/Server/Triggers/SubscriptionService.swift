import FoundationEssentials
import Logging
import ServiceLifecycle
import Spec
import Store

/// Starts the outbound subscriptions of `reconcile.yaml`'s `triggers:` once the first good checkout is there (with
/// `--git` it appears only after the first fetch), and keeps them until shutdown. The configuration is read once:
/// a change to `triggers:` takes effect when the daemon restarts.
struct SubscriptionService: Service {
    let source: any RepositorySource
    let state: DaemonState
    let dispatch: TriggerDispatch
    let replays: ReplayGuard
    let verifiers: VerifierSlot
    let clock: any Clock<Duration>
    let logger: Logger

    func run() async throws {
        await runUntilShutdown { await runSubscriptions() }
    }

    /// Reads `triggers:` and runs every subscription; returns at once when there is none.
    func runSubscriptions() async {
        guard let directory = await state.firstCheckout(of: source) else { return }
        let (config, diagnostics) = TriggerConfig.load(repository: directory)
        for diagnostic in diagnostics {
            logger.error("trigger settings", metadata: ["diagnostic": .string(diagnostic.description)])
        }
        guard let secret = config.secret else {
            if !config.subscriptions.isEmpty { logger.error("subscriptions not started: triggers.secret_file is missing") }
            return
        }
        let verifier = MessageVerifier(secret: secret, replays: replays)
        await verifiers.set(verifier)
        logger.info("signed trigger messages accepted", metadata: [
            "subscriptions": .string(config.subscriptions.map(\.name).joined(separator: ", ")),
        ])
        await withDiscardingTaskGroup { group in
            for subscription in config.subscriptions {
                let sink = MessageSink(name: subscription.name, kind: subscription.kind.trigger, verifier: verifier,
                                       dispatch: dispatch, state: state, logger: logger)
                let loop = SubscriptionLoop(channel: Self.channel(for: subscription), sink: sink, state: state,
                                            clock: clock, logger: logger)
                await state.subscriptionAdded(subscription.name, kind: subscription.kind.rawValue)
                group.addTask { await loop.run() }
            }
        }
    }

    static func channel(for subscription: TriggerConfig.Subscription) -> any TriggerChannel {
        switch subscription.kind {
        case .mqtt: return MQTTChannel(subscription: subscription)
        case .ntfy: return NtfyChannel(subscription: subscription)
        }
    }
}

/// The verifier `/hooks/message` uses, set once `triggers.secret_file` has been read.
actor VerifierSlot {
    private(set) var verifier: MessageVerifier?
    func set(_ verifier: MessageVerifier) { self.verifier = verifier }
}
