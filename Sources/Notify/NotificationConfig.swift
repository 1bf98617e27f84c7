import Basics
import FoundationEssentials
import Spec
import YAML

/// The `notifications:` part of `reconcile.yaml` at the repository root. No file means no notifications.
public struct NotificationConfig: Sendable, Hashable {
    public var channels: [NotificationChannel]

    public init(channels: [NotificationChannel] = []) {
        self.channels = channels
    }

    /// The file's name at the repository root.
    public static let fileName = "reconcile.yaml"

    /// Reads `reconcile.yaml` under `root`, expanding `${VAR}` from `environment`. Errors come back as positioned
    /// diagnostics (`reconcile.yaml:4:12: error: …`); channels with errors are left out, the rest still work.
    public static func load(repository root: URL, environment: [String: String])
        -> (config: NotificationConfig, diagnostics: [Diagnostic]) {
        let path = root.appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else { return (NotificationConfig(), []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (NotificationConfig(), [Diagnostic(location: .file(fileName), message: "cannot read \(path)")])
        }
        return parse(String(decoding: data, as: UTF8.self), environment: environment)
    }

    /// Parses the text of a `reconcile.yaml`; `file` is how diagnostics name it.
    public static func parse(_ text: String, file: String = fileName, environment: [String: String])
        -> (config: NotificationConfig, diagnostics: [Diagnostic]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text, file: file)
        } catch {
            let diagnostic = Diagnostic(location: error.mark,
                                        message: error.message)
            return (NotificationConfig(), [diagnostic].map { rendered($0, lines) })
        }
        var decoder = ConfigDecoder(interpolator: Interpolator(variables: environment))
        let channels = root.map { decoder.decode(root: $0) } ?? []
        return (NotificationConfig(channels: channels), decoder.diagnostics.map { rendered($0, lines) })
    }

    private static func rendered(_ diagnostic: Diagnostic, _ lines: [Substring]) -> Diagnostic {
        var copy = diagnostic
        if copy.sourceLine == nil, copy.location.line >= 1, copy.location.line <= lines.count {
            copy.sourceLine = String(lines[copy.location.line - 1])
        }
        return copy
    }
}
