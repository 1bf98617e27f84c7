import Basics
import FoundationEssentials

extension SignedMessage {
    /// Reads a published message; every shape problem is `.malformed`, a message without a signature `.unsigned`.
    public static func parse(_ data: Data) -> Result<SignedMessage, MessageRefusal> {
        guard let object = JSONValue.parse(data)?.object else { return .failure(.malformed) }
        var texts: [String: String] = [:]
        for key in ["event", "ref", "commit", "image", "tag", "digest", "id", "signature"] {
            guard let value = object[key] else { continue }
            // A newline would let two different messages share one signed text.
            guard let text = value.string, !text.contains("\n") else { return .failure(.malformed) }
            texts[key] = text
        }
        guard let event = texts["event"].flatMap(Event.init(rawValue:)), let id = texts["id"], !id.isEmpty,
              let timestamp = object["timestamp"].flatMap(integer) else { return .failure(.malformed) }
        guard let signature = texts["signature"], !signature.isEmpty else { return .failure(.unsigned) }
        let message = SignedMessage(event: event, ref: texts["ref"], commit: texts["commit"], image: texts["image"],
                                    tag: texts["tag"], digest: texts["digest"], timestamp: timestamp, id: id,
                                    signature: signature)
        if event == .image, message.image?.isEmpty ?? true { return .failure(.malformed) }
        return .success(message)
    }

    /// `ghcr.io/org/app:1.5` split into repository and tag (a registry port is not a tag).
    public static func splitImage(_ reference: String) -> (image: String, tag: String?) {
        let withoutDigest = reference.split(separator: "@", maxSplits: 1).first.map(String.init) ?? reference
        guard let colon = withoutDigest.lastIndex(of: ":"),
              !withoutDigest[withoutDigest.index(after: colon)...].contains("/") else { return (withoutDigest, nil) }
        return (String(withoutDigest[..<colon]), String(withoutDigest[withoutDigest.index(after: colon)...]))
    }

    private static func integer(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let number): return number
        case .unsigned(let number): return Int64(exactly: number)
        case .double(let number): return Int64(exactly: number)
        default: return nil
        }
    }
}
