import Foundation
import Logging
import Testing
@testable import Server

/// A peer that accepts the TCP connection but never answers CONNECT ends the session instead of holding it.
struct MQTTHandshakeTests {
    @Test func aSilentPeerEndsTheSessionWithAClearError() async throws {
        // Listening, never accepting: the kernel completes the TCP handshake, nothing ever answers.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0, listen(fd, 4) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        try #require(bound == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))

        let logger = Logger(label: "test")
        let subscription = TriggerConfig.Subscription(kind: .mqtt, url: try #require(URL(string: "mqtt://127.0.0.1:\(port)/t")))
        var channel = MQTTChannel(subscription: subscription)
        channel.connectTimeout = .milliseconds(300)
        let sink = MessageSink(name: subscription.name, kind: .mqtt,
                               verifier: MessageVerifier(secret: Secret("s"), replays: await ReplayGuard(store: nil, logger: logger)),
                               dispatch: TriggerDispatch(queue: TriggerQueue(), branch: nil, repository: { nil }, logger: logger),
                               state: DaemonState(source: "test"), logger: logger)
        await #expect(throws: MQTTError.noAnswer(what: "CONNECT")) {
            try await channel.session(sink: sink) {}
        }
    }
}
