import FoundationEssentials
import YAML

/// Which top-level file object a service refers to: they differ only in where Compose mounts them.
enum FileObjectKind: String, Sendable {
    case secret, config

    /// The top-level and service key (`secrets`, `configs`).
    var key: String { rawValue + "s" }

    /// Where Compose mounts a plain container's file: secrets under `/run/secrets`, configs at `/<name>`.
    func mountTarget(name: String, target: String?) -> String {
        let target = target ?? name
        if target.hasPrefix("/") { return target }
        return self == .secret ? "/run/secrets/\(target)" : "/\(target)"
    }
}

/// A top-level secret or config: a `file` source (resolved and checked like a bind source), or a value from
/// `environment` or `content`, which Compose copies into the container instead of mounting.
enum FileObject: Sendable {
    /// Absolute path of the file (in the checkout, or on the host when written absolute), and its
    /// repository-relative path when it is repository content (shipped and content-hashed).
    case file(source: String, repoRelativeSource: String?)
    case value(String)
}

/// Decodes top-level `secrets:` / `configs:`. Only `file` sources are applied; a relative file must exist inside
/// the repository (it is shipped, never bound from the checkout), as for bind sources.
struct FileObjectDecoder {
    let reader: NodeReader
    let context: StackContext
    var sink: DiagnosticSink { reader.sink }

    func decode(_ node: YAMLNode, kind: FileObjectKind) -> [String: FileObject] {
        guard let pairs = reader.mapping(node, "top-level `\(kind.key)`") else { return [:] }
        var result: [String: FileObject] = [:]
        for pair in pairs {
            guard let name = reader.string(pair.key, "a \(kind.rawValue) name") else { continue }
            guard let fields = reader.mapping(pair.value, "\(kind.rawValue) `\(name)`") else { continue }
            let known: Set<String> = ["file", "environment", "content", "external", "name", "labels", "driver",
                                      "driver_opts", "template_driver"]
            var file: YAMLNode?
            var value: String?
            for (key, field) in reader.knownPairs(fields, known: known, context: "\(kind.rawValue) `\(name)`") {
                switch key {
                case "file": file = field.value
                case "content": value = reader.string(field.value, "`content` of \(kind.rawValue) `\(name)`")
                case "environment": value = environmentValue(field.value, name: name, kind: kind)
                case "name", "labels": continue
                case "external":
                    sink.error(field.key.mark, "\(kind.rawValue) `\(name)`: `external` \(kind.key) exist only in Swarm; "
                                   + "give it a `file` in the repository instead")
                default:
                    sink.error(field.key.mark, "\(kind.rawValue) `\(name)`: `\(key)` is not supported yet; "
                                   + "give it a `file` in the repository instead")
                }
            }
            if let value {
                result[name] = .value(value)
                continue
            }
            guard let file else {
                if !fields.contains(where: { ["external", "environment", "content"].contains($0.key.scalar?.value) }) {
                    sink.error(pair.key.mark, "\(kind.rawValue) `\(name)` has no source; add `file: ./path` in the repository")
                }
                continue
            }
            if let object = fileObject(file, name: name, kind: kind) { result[name] = object }
        }
        return result
    }

    /// The value of the variable `environment:` names, from the stack's `.env` and the process environment.
    private func environmentValue(_ node: YAMLNode, name: String, kind: FileObjectKind) -> String? {
        guard let variable = reader.string(node, "`environment` of \(kind.rawValue) `\(name)`") else { return nil }
        guard let value = context.variables[variable] else {
            sink.error(node.mark, "\(kind.rawValue) `\(name)`: variable `\(variable)` is not set; set it in the stack's "
                           + "`.env` or in reconcile's environment")
            return nil
        }
        return value
    }

    /// Resolves a `file:` value: absolute stays a host path (as a bind); relative must be an existing repo file.
    private func fileObject(_ node: YAMLNode, name: String, kind: FileObjectKind) -> FileObject? {
        guard let written = reader.string(node, "`file` of \(kind.rawValue) `\(name)`") else { return nil }
        let resolved = context.absolutePath(written)
        if written.hasPrefix("/") || written.hasPrefix("~") {
            return .file(source: resolved, repoRelativeSource: nil)
        }
        guard let relative = context.repositoryRelative(resolved) else {
            sink.error(node.mark, "\(kind.rawValue) `\(name)`: file `\(written)` lies outside the repository; reconcile "
                           + "ships repo content to the host, so move the file into the repository")
            return nil
        }
        guard FileManager.default.fileExists(atPath: resolved) else {
            sink.error(node.mark, "\(kind.rawValue) `\(name)`: file `\(written)` does not exist; add it to the "
                           + "repository or fix the path")
            return nil
        }
        if let problem = RepoContentGuard.check(resolved, root: context.repositoryRoot) {
            sink.error(node.mark, "\(kind.rawValue) `\(name)`: file `\(written)`: \(problem); repo content must stay "
                           + "inside the repository")
            return nil
        }
        // An encrypted file is copied in decrypted, like a `content:` source: its plaintext never goes to a volume.
        switch context.encrypted.open(fileAt: resolved, file: relative) {
        case .plain: return .file(source: resolved, repoRelativeSource: relative)
        case .decrypted(let text): return .value(text)
        case .failed: return nil
        }
    }
}
