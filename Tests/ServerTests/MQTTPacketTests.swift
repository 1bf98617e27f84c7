import Testing
@testable import Server

/// The MQTT 3.1.1 codec against byte sequences written out from the specification.
struct MQTTPacketTests {
    @Test func connectWithPersistentSessionAndCredentials() {
        let bytes = MQTTPacket.connect(clientID: "r1", username: "u", password: "p", keepAlive: 30, cleanSession: false).encoded()
        // Fixed header, "MQTT", level 4, flags user+password and clean-session 0, keep-alive 30, then the strings.
        #expect(bytes == [0x10, 20, 0, 4, 77, 81, 84, 84, 4, 0xC0, 0, 30, 0, 2, 114, 49, 0, 1, 117, 0, 1, 112])
    }

    @Test func subscribeAsksForQoS1() {
        #expect(MQTTPacket.subscribe(packetID: 1, topic: "a/b", qos: 1).encoded() == [0x82, 8, 0, 1, 0, 3, 97, 47, 98, 1])
    }

    @Test func decodesEveryPacketASubscriberReceives() throws {
        let packets: [MQTTPacket] = [
            .connack(sessionPresent: true, returnCode: 0),
            .suback(packetID: 1, codes: [1]),
            .publish(topic: "t", payload: Array("hi".utf8), qos: 1, packetID: 7, duplicate: true),
            .publish(topic: "t", payload: [], qos: 0, packetID: nil, duplicate: false),
            .puback(packetID: 7),
            .pingresp,
        ]
        var buffer = packets.flatMap { $0.encoded() }
        var decoded: [MQTTPacket] = []
        while let packet = try MQTTPacket.decode(from: &buffer) { decoded.append(packet) }
        #expect(decoded == packets)
        #expect(buffer.isEmpty)
    }

    @Test func waitsForTheRestOfAPacketSplitAnywhere() throws {
        let payload = [UInt8](repeating: 0x41, count: 300)  // a two-byte remaining length
        let whole = MQTTPacket.publish(topic: "t", payload: payload, qos: 1, packetID: 2, duplicate: false).encoded()
        #expect(whole[1] & 0x80 != 0)
        for cut in [1, 2, 3, whole.count - 1] {
            var buffer = Array(whole[..<cut])
            #expect(try MQTTPacket.decode(from: &buffer) == nil)
            buffer += whole[cut...]
            #expect(try MQTTPacket.decode(from: &buffer) == .publish(topic: "t", payload: payload, qos: 1, packetID: 2, duplicate: false))
        }
    }

    @Test func refusesHugeAndTruncatedPackets() {
        var huge: [UInt8] = [0x30, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: MQTTError.self) { try MQTTPacket.decode(from: &huge) }
        var endless: [UInt8] = [0x30, 0x80, 0x80, 0x80, 0x80, 0x01]
        #expect(throws: MQTTError.self) { try MQTTPacket.decode(from: &endless) }
        var short: [UInt8] = [0x30, 2, 0, 9]  // topic length 9 in a 2-byte body
        #expect(throws: MQTTError.malformed("string runs past the packet")) { try MQTTPacket.decode(from: &short) }
    }
}
