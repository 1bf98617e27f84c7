import NIOCore

/// Whole MQTT packets from the bytes a connection delivers in arbitrary pieces.
struct MQTTPacketStream {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>) {
        self.inbound = inbound.makeAsyncIterator()
    }

    /// The next packet; nil when the connection ends.
    mutating func next() async throws -> MQTTPacket? {
        while true {
            if let packet = try MQTTPacket.decode(from: &pending) { return packet }
            guard var chunk = try await inbound.next() else { return nil }
            pending += chunk.readBytes(length: chunk.readableBytes) ?? []
        }
    }
}
