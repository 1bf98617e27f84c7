import Basics
import FoundationEssentials

/// A shared secret read from a file, so it never sits in the repo, argv or logs.
public struct Secret: Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(_ value: String) {
        bytes = Array(value.utf8)
    }

    /// Reads a secret file, trimming the trailing newline editors add.
    public static func read(file path: String) throws -> Secret {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DaemonError.secretUnreadable(path: path)
        }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespaceAndNewlines()
        guard !text.isEmpty else { throw DaemonError.secretEmpty(path: path) }
        return Secret(text)
    }

    public var description: String { "<secret>" }
}
