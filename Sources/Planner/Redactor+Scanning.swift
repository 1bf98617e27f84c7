/// Finds secrets and fingerprints in byte strings, left to right, never looking inside a fingerprint already written
/// (a short secret may well occur in a fingerprint's hex).
enum TokenScanner {
    static let prefix = Array(Redactor.tokenPrefix.utf8)

    /// The length of the fingerprint starting at `index`, or nil.
    static func tokenLength(in bytes: [UInt8], at index: Int) -> Int? {
        let end = index + prefix.count + Redactor.tokenHexCount
        guard end <= bytes.count, bytes[index] == prefix[0], Array(bytes[index..<index + prefix.count]) == prefix else {
            return nil
        }
        let hex = bytes[(index + prefix.count)..<end]
        return hex.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } ? end - index : nil
    }

    /// The secret of `pairs` (longest first) that starts at `index`.
    static func match(_ bytes: [UInt8], at index: Int, _ pairs: [([UInt8], [UInt8])]) -> ([UInt8], [UInt8])? {
        pairs.first { pair in
            let secret = pair.0
            return index + secret.count <= bytes.count && bytes[index] == secret[0]
                && bytes[index..<index + secret.count].elementsEqual(secret)
        }
    }

    /// `bytes` with every secret of `pairs` replaced by its fingerprint.
    static func replace(in bytes: [UInt8], _ pairs: [([UInt8], [UInt8])]) -> [UInt8] {
        let pairs = pairs.filter { !$0.0.isEmpty }.sorted { $0.0.count > $1.0.count }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let length = tokenLength(in: bytes, at: index) {
                out += bytes[index..<index + length]
                index += length
            } else if let (secret, token) = match(bytes, at: index, pairs) {
                out += token
                index += secret.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}

/// Rewrites only the inside of the strings (values and keys) of encoded JSON, stepping over escapes whole,
/// so a secret that looks like a number never touches the numbers.
struct JSONStringRewriter {
    let json: [UInt8]

    /// Every secret (in its escaped form) inside a string replaced by its fingerprint.
    func replacing(_ pairs: [([UInt8], [UInt8])]) -> [UInt8] {
        rewrite { bytes, index in
            if let length = TokenScanner.tokenLength(in: bytes, at: index) { return (Array(bytes[index..<index + length]), length) }
            if let (secret, token) = TokenScanner.match(bytes, at: index, pairs) { return (token, secret.count) }
            return nil
        }
    }

    /// Every fingerprint inside a string replaced by what `lookup` gives (escaped), or left as it is.
    func restoring(_ lookup: (String) -> [UInt8]?) -> [UInt8] {
        rewrite { bytes, index in
            guard let length = TokenScanner.tokenLength(in: bytes, at: index) else { return nil }
            let token = String(decoding: bytes[index..<index + length], as: UTF8.self)
            return (lookup(token) ?? Array(bytes[index..<index + length]), length)
        }
    }

    /// Walks the document; inside strings, `step` may consume bytes at a position and emit others instead.
    private func rewrite(_ step: ([UInt8], Int) -> (emit: [UInt8], consumed: Int)?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var index = 0
        var inString = false
        while index < json.count {
            let byte = json[index]
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true }
                out.append(byte)
                index += 1
                continue
            }
            if let (emit, consumed) = step(json, index) {
                out += emit
                index += consumed
            } else if byte == UInt8(ascii: "\\") {
                let length = index + 1 < json.count && json[index + 1] == UInt8(ascii: "u") ? 6 : 2
                let end = min(index + length, json.count)
                out += json[index..<end]
                index = end
            } else {
                if byte == UInt8(ascii: "\"") { inString = false }
                out.append(byte)
                index += 1
            }
        }
        return out
    }
}
