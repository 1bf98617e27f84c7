/// A reference that cannot name an image.
public struct ImageNameError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reference: String
    public var reason: String
    public var description: String { "image reference '\(reference)' is invalid: \(reason)" }
}
