import FoundationEssentials

/// Signature, then freshness and replay: what every channel does with a message before it may trigger anything.
public struct MessageVerifier: Sendable {
    let secret: Secret
    let replays: ReplayGuard
    let now: @Sendable () -> Date

    public init(secret: Secret, replays: ReplayGuard, now: @escaping @Sendable () -> Date = { Date() }) {
        self.secret = secret
        self.replays = replays
        self.now = now
    }

    /// The message when it counts; the reason when it does not. A forged message never reaches the replay memory.
    public func verify(_ body: Data) async -> Result<SignedMessage, MessageRefusal> {
        let message: SignedMessage
        switch SignedMessage.parse(body) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let parsed): message = parsed
        }
        guard message.isSigned(by: secret) else { return .failure(.badSignature) }
        if let refusal = await replays.admit(id: message.id, timestamp: message.timestamp, now: now()) {
            return .failure(refusal)
        }
        return .success(message)
    }
}
