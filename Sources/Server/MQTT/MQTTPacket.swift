/// The MQTT 3.1.1 control packets a subscriber needs (OASIS MQTT 3.1.1, section 3), encoded and decoded without
/// I/O so the codec is tested on its own.
enum MQTTPacket: Sendable, Equatable {
    case connect(clientID: String, username: String?, password: String?, keepAlive: UInt16, cleanSession: Bool)
    /// `returnCode` 0 is accepted; 1–5 say why not (protocol, identifier, unavailable, credentials, authorisation).
    case connack(sessionPresent: Bool, returnCode: UInt8)
    case subscribe(packetID: UInt16, topic: String, qos: UInt8)
    /// One code per topic: the granted QoS, or 0x80 for a refusal.
    case suback(packetID: UInt16, codes: [UInt8])
    case publish(topic: String, payload: [UInt8], qos: UInt8, packetID: UInt16?, duplicate: Bool)
    case puback(packetID: UInt16)
    case pingreq, pingresp, disconnect
    /// A packet a subscriber never expects (PUBREC and friends); its type nibble, for the log.
    case unexpected(type: UInt8)

    /// The largest packet accepted; a trigger message is a few hundred bytes.
    static let maximumLength = 256 * 1024

    func encoded() -> [UInt8] {
        switch self {
        case let .connect(clientID, username, password, keepAlive, cleanSession):
            var flags: UInt8 = cleanSession ? 0x02 : 0
            if username != nil { flags |= 0x80 }
            if password != nil { flags |= 0x40 }
            var body = Self.string("MQTT") + [4, flags] + Self.uint16(keepAlive) + Self.string(clientID)
            if let username { body += Self.string(username) }
            if let password { body += Self.string(password) }
            return Self.frame(0x10, body)
        case let .connack(sessionPresent, returnCode):
            return Self.frame(0x20, [sessionPresent ? 1 : 0, returnCode])
        case let .subscribe(packetID, topic, qos):
            return Self.frame(0x82, Self.uint16(packetID) + Self.string(topic) + [qos])
        case let .suback(packetID, codes):
            return Self.frame(0x90, Self.uint16(packetID) + codes)
        case let .publish(topic, payload, qos, packetID, duplicate):
            let flags: UInt8 = (duplicate ? 0x08 : 0) | (qos << 1)
            return Self.frame(0x30 | flags, Self.string(topic) + (qos > 0 ? Self.uint16(packetID ?? 0) : []) + payload)
        case let .puback(packetID):
            return Self.frame(0x40, Self.uint16(packetID))
        case .pingreq: return [0xC0, 0]
        case .pingresp: return [0xD0, 0]
        case .disconnect: return [0xE0, 0]
        case let .unexpected(type): return [type << 4, 0]
        }
    }

    /// Takes one whole packet off the front of `buffer`; nil while more bytes are needed.
    static func decode(from buffer: inout [UInt8]) throws(MQTTError) -> MQTTPacket? {
        guard let first = buffer.first else { return nil }
        var length = 0, multiplier = 1, index = 1
        while true {
            guard index < buffer.count else { return nil }
            let byte = buffer[index]
            length += Int(byte & 0x7F) * multiplier
            index += 1
            if byte & 0x80 == 0 { break }
            multiplier *= 128
            guard index < 5 else { throw .malformed("remaining length longer than four bytes") }
        }
        guard length <= maximumLength else { throw .malformed("a packet of \(length) bytes (limit \(maximumLength))") }
        guard buffer.count >= index + length else { return nil }
        let body = Array(buffer[index..<(index + length)])
        buffer.removeFirst(index + length)
        return try parse(type: first >> 4, flags: first & 0x0F, body: body)
    }

    private static func parse(type: UInt8, flags: UInt8, body: [UInt8]) throws(MQTTError) -> MQTTPacket {
        var reader = Reader(bytes: body)
        switch type {
        case 2:
            return .connack(sessionPresent: try reader.byte() & 1 == 1, returnCode: try reader.byte())
        case 3:
            let qos = (flags >> 1) & 0x03
            let topic = try reader.string()
            let packetID = qos > 0 ? try reader.uint16() : nil
            return .publish(topic: topic, payload: reader.rest(), qos: qos, packetID: packetID, duplicate: flags & 0x08 != 0)
        case 4: return .puback(packetID: try reader.uint16())
        case 9: return .suback(packetID: try reader.uint16(), codes: reader.rest())
        case 13: return .pingresp
        case 12: return .pingreq
        default: return .unexpected(type: type)
        }
    }

    private static func frame(_ header: UInt8, _ body: [UInt8]) -> [UInt8] {
        var out = [header]
        var length = body.count
        repeat {
            var byte = UInt8(length % 128)
            length /= 128
            if length > 0 { byte |= 0x80 }
            out.append(byte)
        } while length > 0
        return out + body
    }

    private static func uint16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    private static func string(_ text: String) -> [UInt8] { uint16(UInt16(clamping: text.utf8.count)) + Array(text.utf8) }

    /// Bounds-checked reads from a packet body.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws(MQTTError) -> UInt8 {
            guard offset < bytes.count else { throw .malformed("packet ends early") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func uint16() throws(MQTTError) -> UInt16 {
            UInt16(try byte()) << 8 | UInt16(try byte())
        }

        mutating func string() throws(MQTTError) -> String {
            let count = Int(try uint16())
            guard offset + count <= bytes.count else { throw .malformed("string runs past the packet") }
            defer { offset += count }
            return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
        }

        func rest() -> [UInt8] { Array(bytes[offset...]) }
    }
}
