/// Bech32 (BIP 173) as age uses it for `age1…` recipients and `AGE-SECRET-KEY-1…` identities.
///
/// age's strings are longer than BIP 173's 90-character limit, so no length limit applies here.
enum Bech32 {
    static let alphabet = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    static let generators: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]

    /// The human-readable part (lowercased) and the 8-bit data of `text`; nil when it is not valid bech32.
    static func decode(_ text: String) -> (hrp: String, data: [UInt8])? {
        let bytes = Array(text.utf8)
        // ASCII only: case mapping of other scalars can change the length, and bech32 has none.
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let lower = text.lowercased(), upper = text.uppercased()
        guard text == lower || text == upper, let separator = bytes.lastIndex(of: UInt8(ascii: "1")),
              separator >= 1, bytes.count - separator - 1 >= 6 else { return nil }
        let lowered = Array(lower.utf8)
        let hrp = Array(lowered[..<separator])
        guard hrp.allSatisfy({ (33...126).contains($0) }) else { return nil }
        var values: [UInt8] = []
        for byte in lowered[(separator + 1)...] {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt8(index))
        }
        guard polymod(expand(hrp) + values) == 1, let data = regroup(Array(values.dropLast(6)), from: 5, to: 8, pad: false) else {
            return nil
        }
        return (String(decoding: hrp, as: UTF8.self), data)
    }

    /// Lowercase bech32 of `data` under `hrp`.
    static func encode(hrp: String, data: [UInt8]) -> String {
        let hrpBytes = Array(hrp.lowercased().utf8)
        let values = regroup(data, from: 8, to: 5, pad: true) ?? []
        let check = polymod(expand(hrpBytes) + values + [0, 0, 0, 0, 0, 0]) ^ 1
        let checksum = (0..<6).map { UInt8((check >> (5 * (5 - UInt32($0)))) & 31) }
        return String(decoding: hrpBytes + [UInt8(ascii: "1")] + (values + checksum).map { alphabet[Int($0)] }, as: UTF8.self)
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        var check: UInt32 = 1
        for value in values {
            let top = check >> 25
            check = (check & 0x1ff_ffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> bit) & 1 == 1 { check ^= generators[bit] }
        }
        return check
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    /// Regroups bits; without padding, leftover bits must be fewer than `from` and zero.
    private static func regroup(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0, bits = 0
        var out: [UInt8] = []
        let mask = (1 << to) - 1
        for value in data {
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> bits) & mask))
            }
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || (accumulator << (to - bits)) & mask != 0 {
            return nil
        }
        return out
    }
}
