/// Where an image's tag is written, to the byte: in the compose file's `image:` value, or in the stack's
/// `.env` variable that value is interpolated from.
public struct TagLocation: Sendable, Equatable, CustomStringConvertible {
    /// Repository-relative path of the file to edit.
    public var file: String
    /// 1-based line and column of the tag's first character.
    public var line: Int
    public var column: Int
    /// Offset of the tag's first byte in the file.
    public var offset: Int
    /// The tag as it is written there now.
    public var tag: String
    /// The `.env` variable that holds the tag, when it is not written in the compose file.
    public var variable: String?

    public var description: String { "\(file):\(line):\(column)" }
}

/// Why a tag could not be found or replaced; names the place and what to do.
public struct TagEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: String
    public var message: String

    public var description: String { "\(location): \(message)" }
}
