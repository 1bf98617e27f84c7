import FoundationEssentials
import Logging
import Store

/// Where a subscription hands each message it receives: verified, counted, then dispatched like a webhook.
struct MessageSink: Sendable {
    /// The subscription's name in status and metrics.
    let name: String
    /// `mqtt` or `ntfy`: the trigger kind a pass records.
    let kind: TriggerKind
    let verifier: MessageVerifier
    let dispatch: TriggerDispatch
    let state: DaemonState
    let logger: Logger

    /// Returns once the message is queued or refused, so a channel can acknowledge it only then.
    func receive(_ body: Data) async {
        switch await verifier.verify(body) {
        case .failure(let refusal):
            await state.subscriptionMessage(name, id: nil, refusal: refusal)
            logger.notice("trigger message refused", metadata: ["subscription": .string(name),
                                                                "refusal": .string(refusal.rawValue)])
        case .success(let message):
            await state.subscriptionMessage(name, id: message.id, refusal: nil)
            let outcome = await dispatch.deliver(message, from: kind)
            logger.info("trigger message accepted", metadata: ["subscription": .string(name),
                                                               "message.id": .string(message.id),
                                                               "outcome": .string("\(outcome)")])
        }
    }
}
