import FoundationEssentials

/// Splits the body of `GET /containers/{id}/logs`. Without a TTY Docker
/// multiplexes stdout and stderr into frames: 1 byte stream (1 out, 2 err),
/// 3 zero bytes, 4 bytes big-endian length, then the payload. With a TTY the
/// body is the raw output; anything that does not parse as frames is that.
enum DockerLogFrames {
    /// The output text in arrival order, stdout and stderr interleaved.
    static func text(from body: Data) -> String {
        guard let payloads = frames(body) else { return String(decoding: body, as: UTF8.self) }
        return payloads.map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    /// The frame payloads, or `nil` if `body` is not a sequence of frames.
    static func frames(_ body: Data) -> [Data]? {
        let bytes = [UInt8](body)
        var payloads: [Data] = []
        var index = 0
        while index < bytes.count {
            guard index + 8 <= bytes.count, bytes[index] <= 2,
                  bytes[index + 1] == 0, bytes[index + 2] == 0, bytes[index + 3] == 0 else { return nil }
            let length = bytes[(index + 4)..<(index + 8)].reduce(0) { $0 << 8 | Int($1) }
            let start = index + 8
            guard start + length <= bytes.count else { return nil }
            payloads.append(Data(bytes[start..<(start + length)]))
            index = start + length
        }
        return payloads
    }
}
