import Basics
import Crypto
import FoundationEssentials
import NIOCore
import NIOPosix

/// A subscriber of its own rather than libcurl's MQTT: libcurl (8.x, as Debian ships it) subscribes at QoS 0 with
/// a clean session and sends no PINGREQ, so a message published while the daemon or the broker was away is gone.
/// Here the session is persistent (fixed client id, clean-session 0) and the subscription QoS 1: the broker keeps
/// what arrives while the daemon is disconnected, and a message is acknowledged (PUBACK) only once it was verified
/// and queued, so a crash in between gets it redelivered.
struct MQTTChannel: TriggerChannel {
    let subscription: TriggerConfig.Subscription
    /// Seconds between PINGREQs; a broker that leaves one unanswered until the next is taken for gone.
    var keepAlive: UInt16 = 30
    var connectTimeout: Duration = .seconds(5)

    var host: String { subscription.url.host ?? "127.0.0.1" }
    var port: Int { subscription.url.port ?? 1883 }
    /// The topic is the URL's path without its leading slash (`reconcile/deploy`).
    var topic: String { String(subscription.url.path.dropFirst()) }

    /// The configured id, or one derived from this machine and the URL: stable across restarts, so the broker
    /// finds the session again, and different between daemons sharing a topic (23 characters, MQTT's safe limit).
    var clientID: String {
        if let configured = subscription.clientID { return configured }
        let seed = ProcessInfo.processInfo.hostName + "|" + subscription.name
        return "reconcile-" + HexDigits.string(SHA256.hash(data: Array(seed.utf8))).prefix(12)
    }

    func session(sink: MessageSink, connected: @escaping @Sendable () async -> Void) async throws {
        let credentials = try MQTTCredentials.read(subscription.credentialsFile)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount.milliseconds(connectTimeout.components.seconds * 1000
                                                    + connectTimeout.components.attoseconds / 1_000_000_000_000_000))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let raw = channel.channel
        try await channel.executeThenClose { inbound, outbound in
            let connect = MQTTPacket.connect(clientID: clientID, username: credentials?.user, password: credentials?.password,
                                             keepAlive: keepAlive, cleanSession: false)
            try await outbound.write(ByteBuffer(bytes: connect.encoded()))
            var packets = MQTTPacketStream(inbound: inbound)
            // A peer that accepts TCP but never answers CONNECT would hold the session for ever: close it instead.
            let handshake = Task { [connectTimeout] in
                try await Task.sleep(for: connectTimeout)
                try await raw.close()
            }
            defer { handshake.cancel() }
            guard case .connack(_, let code)? = try await packets.next() else { throw MQTTError.noAnswer(what: "CONNECT") }
            handshake.cancel()
            guard code == 0 else { throw MQTTError.refused(code: code) }
            try await outbound.write(ByteBuffer(bytes: MQTTPacket.subscribe(packetID: 1, topic: topic, qos: 1).encoded()))
            let liveness = Liveness()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // A dead peer behind a live TCP connection: no answer to the last ping means close and reconnect.
                    while true {
                        try await Task.sleep(for: .seconds(Int(keepAlive)))
                        guard await liveness.ping() else {
                            try await raw.close()
                            return
                        }
                        try await outbound.write(ByteBuffer(bytes: MQTTPacket.pingreq.encoded()))
                    }
                }
                while let packet = try await packets.next() {
                    await liveness.heard()
                    switch packet {
                    case .suback(_, let codes):
                        if codes.contains(0x80) { throw MQTTError.subscriptionRefused(topic: topic) }
                        await connected()
                    case let .publish(_, payload, qos, packetID, _):
                        await sink.receive(Data(payload))
                        if qos > 0, let packetID {
                            try await outbound.write(ByteBuffer(bytes: MQTTPacket.puback(packetID: packetID).encoded()))
                        }
                    default:
                        continue
                    }
                }
                group.cancelAll()
                throw MQTTError.closed
            }
        }
    }
}

/// Whether the broker has said anything since the last PINGREQ.
actor Liveness {
    private var awaitingAnswer = false
    func heard() { awaitingAnswer = false }
    /// false when the previous ping is still unanswered.
    func ping() -> Bool {
        defer { awaitingAnswer = true }
        return !awaitingAnswer
    }
}

/// `user:password` from `credentials_file:`, read at every connect so a rotated password needs no restart.
struct MQTTCredentials: Sendable {
    var user: String
    var password: String?

    static func read(_ path: String?) throws -> MQTTCredentials? {
        guard let path else { return nil }
        let text = try Secret.read(file: path)
        let line = String(decoding: text.bytes, as: UTF8.self)
        guard let colon = line.firstIndex(of: ":") else { return MQTTCredentials(user: line, password: nil) }
        return MQTTCredentials(user: String(line[..<colon]), password: String(line[line.index(after: colon)...]))
    }
}
