/// Why an MQTT session ended, phrased for the operator.
enum MQTTError: Error, Sendable, CustomStringConvertible, Equatable {
    case malformed(String)
    case refused(code: UInt8)
    case subscriptionRefused(topic: String)
    case noAnswer(what: String)
    case closed

    var description: String {
        switch self {
        case .malformed(let what): return "the broker sent a malformed packet: \(what)"
        case .refused(let code):
            let reasons: [UInt8: String] = [
                1: "it does not speak MQTT 3.1.1", 2: "it refused the client id: set `client_id:`",
                3: "it is unavailable", 4: "bad user name or password: check credentials_file",
                5: "not authorised: allow this user to subscribe in the broker's ACL",
            ]
            return "the broker refused the connection (code \(code)): \(reasons[code] ?? "unknown reason")"
        case .subscriptionRefused(let topic):
            return "the broker refused the subscription to `\(topic)`: check its ACL for this user"
        case .noAnswer(let what): return "the broker did not answer the \(what) in time"
        case .closed: return "the broker closed the connection"
        }
    }
}
