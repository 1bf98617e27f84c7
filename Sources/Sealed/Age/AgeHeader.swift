import Crypto

/// The text header of an age file: version line, recipient stanzas, and the MAC that binds them to the file key.
struct AgeHeader: Sendable {
    static let versionLine = "age-encryption.org/v1"
    /// Headers are small; a file claiming more is not an age file worth reading.
    static let maxBytes = 1 << 20

    var stanzas: [AgeStanza]
    /// The MAC as written after `---`.
    var mac: [UInt8]
    /// The bytes the MAC covers: everything up to and including `---`.
    var macInput: [UInt8]
    /// Where the payload (nonce, then chunks) starts.
    var payloadOffset: Int

    /// Reads the header at the start of `bytes`.
    static func parse(_ bytes: [UInt8]) throws(SealedError) -> AgeHeader {
        var reader = LineReader(bytes: bytes)
        guard try reader.next() == versionLine else { throw .malformed("the first line is not `\(versionLine)`") }
        var stanzas: [AgeStanza] = []
        while true {
            let lineStart = reader.offset
            guard let line = try reader.next() else { break }
            if line.hasPrefix("--- ") || line == "---" {
                let macText = line.dropFirst(4)
                guard let mac = Base64Raw.decode(macText), mac.count == 32 else {
                    throw .malformed("the header MAC line is not 32 bytes of base64")
                }
                return AgeHeader(stanzas: stanzas, mac: mac, macInput: Array(bytes[..<(lineStart + 3)]),
                                 payloadOffset: reader.offset)
            }
            guard line.hasPrefix("-> ") else { throw .malformed("header line \(reader.lineNumber) is neither a stanza nor the MAC") }
            let words = line.dropFirst(3).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard let type = words.first, !type.isEmpty, !words.contains(where: \.isEmpty) else {
                throw .malformed("stanza on header line \(reader.lineNumber) has an empty argument")
            }
            var body: [UInt8] = []
            while true {
                guard let bodyLine = try reader.next() else { throw .malformed("the header ends inside a stanza") }
                guard bodyLine.utf8.count <= 64, let chunk = Base64Raw.decode(bodyLine) else {
                    throw .malformed("stanza body on header line \(reader.lineNumber) is not base64 of at most 64 columns")
                }
                body += chunk
                if bodyLine.utf8.count < 64 { break }
            }
            stanzas.append(AgeStanza(type: type, arguments: Array(words.dropFirst()), body: body))
            if reader.offset > maxBytes { throw .malformed("the header is larger than \(maxBytes) bytes") }
        }
        throw .malformed("the header has no MAC line (`--- …`)")
    }

    /// The header for `stanzas`, MAC'd with `fileKey`.
    static func encode(_ stanzas: [AgeStanza], fileKey: [UInt8]) -> [UInt8] {
        var text = Array((versionLine + "\n").utf8)
        for stanza in stanzas { text += stanza.encoded }
        text += Array("---".utf8)
        let mac = Array(HMAC<SHA256>.authenticationCode(for: text, using: macKey(fileKey)))
        return text + Array((" " + Base64Raw.encode(mac) + "\n").utf8)
    }

    static func macKey(_ fileKey: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: fileKey), salt: [UInt8](),
                               info: Array("header".utf8), outputByteCount: 32)
    }

    /// True when `fileKey` is the key this header was written with.
    func verifies(with fileKey: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: macInput, using: Self.macKey(fileKey))
    }
}

/// `\n`-terminated lines of the header; a line without its newline ends the header.
private struct LineReader {
    let bytes: [UInt8]
    var offset = 0
    var lineNumber = 0

    /// The next line; nil at the end of the bytes (or past the size limit).
    mutating func next() throws(SealedError) -> String? {
        guard offset < bytes.count, offset <= AgeHeader.maxBytes,
              let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = bytes[offset..<end]
        offset = end + 1
        lineNumber += 1
        // The header is printable ASCII only.
        guard line.allSatisfy({ (0x20...0x7e).contains($0) }) else {
            throw .malformed("header line \(lineNumber) holds a byte that is not printable ASCII")
        }
        return String(decoding: line, as: UTF8.self)
    }
}
