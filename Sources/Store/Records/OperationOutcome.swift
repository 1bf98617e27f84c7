/// How a journaled operation ended; `rawValue` is the readable text `operations.outcome` holds.
///
/// Not a `String` enum because settlements carry a `SettlementResult`; `init(rawValue:)` reads exactly the
/// spellings `rawValue` writes, so an unknown stored text is refused (`StoreError.unknownValue`), never guessed.
public enum OperationOutcome: Sendable, Hashable, Codable, RawRepresentable {
    /// Every step ran; the new container passed its gate (or the old one was removed).
    case done
    /// The health gate said no and the previous state was put back.
    case rolledBack
    /// The rollout's own error path brought the host to a good state.
    case settled(SettlementResult)
    /// Recovery (of a dead process's operation) brought the host to a good state.
    case recovered(SettlementResult)
    /// Recovery could not read the operation's payload, so it touched nothing and closed the operation.
    case recoveredUnreadablePayload
    /// Written by a reconcile before schema version 8 in words that name no state above exactly (an unverified
    /// `reverted`, `recovered: completed`, …); kept word for word for history, never written now.
    case earlier(String)

    private static let settledPrefix = "settled: "
    private static let recoveredPrefix = "recovered: "
    private static let earlierPrefix = "earlier: "
    private static let unreadablePayload = "recovered: unreadable payload, nothing done"

    public var rawValue: String {
        switch self {
        case .done: "done"
        case .rolledBack: "rolled_back"
        case .settled(let result): result.description
        case .recovered(let result): Self.recoveredPrefix + result.description
        case .recoveredUnreadablePayload: Self.unreadablePayload
        case .earlier(let text): Self.earlierPrefix + text
        }
    }

    public init?(rawValue: String) {
        switch rawValue {
        case "done": self = .done
        case "rolled_back": self = .rolledBack
        case Self.unreadablePayload: self = .recoveredUnreadablePayload
        default:
            if let result = Self.settlement(in: rawValue) {
                self = .settled(result)
            } else if rawValue.hasPrefix(Self.recoveredPrefix),
                      let result = Self.settlement(in: String(rawValue.dropFirst(Self.recoveredPrefix.count))) {
                self = .recovered(result)
            } else if rawValue.hasPrefix(Self.earlierPrefix), rawValue.count > Self.earlierPrefix.count {
                self = .earlier(String(rawValue.dropFirst(Self.earlierPrefix.count)))
            } else {
                return nil
            }
        }
    }

    /// The result in `settled: <words>`, if the text is exactly that.
    private static func settlement(in text: String) -> SettlementResult? {
        guard text.hasPrefix(settledPrefix) else { return nil }
        return SettlementResult(rawValue: String(text.dropFirst(settledPrefix.count)))
    }
}

extension OperationOutcome {
    /// One JSON string, the stored words.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let outcome = OperationOutcome(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown operation outcome '\(text)'")
        }
        self = outcome
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension OperationOutcome: CustomStringConvertible {
    /// The stored words, as logs and errors quote them.
    public var description: String { rawValue }
}
