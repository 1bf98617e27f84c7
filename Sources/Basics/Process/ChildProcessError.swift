import Glibc

/// A program that could not be started, or was stopped (time limit, cancellation).
public struct ChildProcessError: Error, Sendable, CustomStringConvertible {
    public var executable: String
    public var call: String
    public var code: Int32
    /// What happened, when it is more than a failed call.
    public var detail: String?

    public init(executable: String, call: String, code: Int32, detail: String? = nil) {
        self.executable = executable
        self.call = call
        self.code = code
        self.detail = detail
    }

    public var description: String {
        let name = executable.isEmpty ? "a child process" : executable
        if let detail { return "\(name) \(detail)" }
        return "cannot run \(name): \(call) failed: \(String(cString: strerror(code)))"
    }
}
