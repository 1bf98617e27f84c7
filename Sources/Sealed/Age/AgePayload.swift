import Crypto

/// The payload: a 16-byte nonce, then ChaCha20-Poly1305 chunks of 64 KiB under a key derived from it (age's STREAM).
enum AgePayload {
    static let chunkSize = 64 * 1024
    static let tagSize = 16
    static let nonceSize = 16

    static func key(fileKey: [UInt8], nonce: ArraySlice<UInt8>) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: fileKey), salt: Array(nonce),
                               info: Array("payload".utf8), outputByteCount: 32)
    }

    /// Chunk `counter`'s nonce: an 11-byte big-endian counter, then 1 for the last chunk.
    static func chunkNonce(_ counter: UInt64, last: Bool) throws(SealedError) -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 3)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((counter >> UInt64(shift)) & 0xff)) }
        bytes.append(last ? 1 : 0)
        do { return try ChaChaPoly.Nonce(data: bytes) } catch { throw .malformed("chunk nonce (\(error))") }
    }

    static func open(_ payload: ArraySlice<UInt8>, fileKey: [UInt8]) throws(SealedError) -> [UInt8] {
        guard payload.count >= nonceSize + tagSize else { throw .tampered("the payload (too short)") }
        let key = key(fileKey: fileKey, nonce: payload.prefix(nonceSize))
        var rest = payload.dropFirst(nonceSize)
        var plaintext: [UInt8] = []
        var counter: UInt64 = 0
        while !rest.isEmpty {
            let take = min(rest.count, chunkSize + tagSize)
            let chunk = rest.prefix(take)
            rest = rest.dropFirst(take)
            let last = rest.isEmpty
            guard chunk.count > tagSize || (last && counter == 0) else { throw .tampered("the payload (empty last chunk)") }
            do {
                let box = try ChaChaPoly.SealedBox(nonce: chunkNonce(counter, last: last),
                                                   ciphertext: chunk.dropLast(tagSize), tag: chunk.suffix(tagSize))
                plaintext += try ChaChaPoly.open(box, using: key)
            } catch {
                throw .tampered("payload chunk \(counter + 1)")
            }
            counter += 1
        }
        return plaintext
    }

    static func seal(_ plaintext: [UInt8], fileKey: [UInt8]) throws(SealedError) -> [UInt8] {
        let nonce = randomBytes(nonceSize)
        let key = key(fileKey: fileKey, nonce: nonce[...])
        var out = nonce
        var counter: UInt64 = 0
        var rest = plaintext[...]
        repeat {
            let chunk = rest.prefix(chunkSize)
            rest = rest.dropFirst(chunk.count)
            do {
                let box = try ChaChaPoly.seal(chunk, using: key, nonce: chunkNonce(counter, last: rest.isEmpty))
                out += Array(box.ciphertext) + Array(box.tag)
            } catch {
                throw .malformed("sealing chunk \(counter + 1) failed (\(error))")
            }
            counter += 1
        } while !rest.isEmpty
        return out
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
