import Basics
import FoundationEssentials
import YAML

extension ServiceDecoder {
    /// Env files are read whole; like YAML files they are capped so a stray large file cannot exhaust memory.
    static let maxEnvFileBytes = 1 << 20

    /// Merges `env_file` contents (in order) under `environment`, recording which keys came from files.
    func applyEnvironment(files: YAMLNode?, environment: YAMLNode?, to service: inout ServiceSpec) {
        var values: [String: String?] = [:]
        var fromFiles = Set<String>(), fromEncrypted = Set<String>()
        if let files {
            for (path, required, mark) in envFileReferences(files) {
                let (entries, encrypted) = readEnvFile(path, required: required, mark: mark)
                for entry in entries {
                    values[entry.key] = entry.value
                    fromFiles.insert(entry.key)
                    if encrypted { fromEncrypted.insert(entry.key) } else { fromEncrypted.remove(entry.key) }
                }
            }
        }
        if let environment {
            for (key, value) in environmentEntries(environment) {
                values[key] = value
                fromFiles.remove(key)
                fromEncrypted.remove(key)
            }
        }
        service.environment = values
        service.environmentFromFiles = fromFiles
        service.secretEnvironment = fromEncrypted.isEmpty ? nil : fromEncrypted
    }

    /// `environment:` as a map or a `KEY=VAL` list; a bare `KEY` (or null value) takes the variable's value or stays unset.
    private func environmentEntries(_ node: YAMLNode) -> [(String, String?)] {
        var result: [(String, String?)] = []
        if let items = node.sequence {
            for item in items {
                guard let entry = reader.string(item, "each item of `environment`") else { continue }
                if let equals = entry.firstIndex(of: "=") {
                    result.append((String(entry[..<equals]), String(entry[entry.index(after: equals)...])))
                } else {
                    result.append((entry, context.variables[entry]))
                }
            }
            return result
        }
        guard let pairs = reader.mapping(node, "`environment`") else { return [] }
        for pair in pairs {
            guard let key = reader.string(pair.key, "a key of `environment`") else { continue }
            if pair.value.isNull {
                result.append((key, context.variables[key]))
            } else if let value = reader.string(pair.value, "`environment.\(key)`") {
                result.append((key, value))
            }
        }
        return result
    }

    /// `env_file` as a string, a list of strings, or a list of `{path, required}`.
    private func envFileReferences(_ node: YAMLNode) -> [(path: String, required: Bool, mark: SourceLocation)] {
        let items = node.sequence ?? [node]
        var result: [(String, Bool, SourceLocation)] = []
        for item in items {
            if let pairs = item.mapping {
                var path: String?
                var required = true
                for (key, pair) in reader.knownPairs(pairs, known: ["path", "required", "format"], context: "`env_file`") {
                    switch key {
                    case "path": path = reader.string(pair.value, "`env_file.path`")
                    case "required": required = reader.bool(pair.value, "`env_file.required`") ?? true
                    default: break
                    }
                }
                if let path { result.append((path, required, item.mark)) } else {
                    sink.error(item.mark, "an `env_file` entry in long form needs `path`")
                }
            } else if let path = reader.string(item, "`env_file`") {
                result.append((path, true, item.mark))
            }
        }
        return result
    }

    /// The file's entries, and whether it was encrypted.
    private func readEnvFile(_ path: String, required: Bool, mark: SourceLocation) -> ([EnvFile.Entry], encrypted: Bool) {
        let absolute = context.absolutePath(path)
        let display = context.repositoryRelative(absolute) ?? absolute
        if context.repositoryRelative(absolute) != nil, let real = RepoContentGuard.escape(of: absolute, root: context.repositoryRoot) {
            sink.error(mark, "env file `\(display)` is a symlink to \(real), outside the repository; it is not read")
            return ([], false)
        }
        let size = FileSize.of(absolute) ?? 0
        if size > Self.maxEnvFileBytes {
            sink.error(mark, "env file `\(display)` is \(size) bytes, larger than the \(Self.maxEnvFileBytes)-byte limit")
            return ([], false)
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            if required {
                sink.error(mark, "env file `\(display)` not found; create it or mark it `required: false`")
            }
            return ([], false)
        }
        guard let file = context.encrypted.text(of: data, file: display) else { return ([], false) }
        if let pairs = file.sopsEntries {
            return (pairs.enumerated().map { EnvFile.Entry(key: $1.key, value: $1.value, line: $0 + 1) }, true)
        }
        let plain = file.kind == nil ? data : Data(file.text.utf8)
        if let problem = UTF8Check.firstProblem(in: plain) {
            sink.error(SourceLocation(file: display, line: problem.line, column: problem.column),
                       "the env file holds \(problem.what) here; save it as UTF-8 text")
            return ([], false)
        }
        let text = String(decoding: plain, as: UTF8.self)
        // Decrypted text stays out of diagnostics: no source line of it is ever printed.
        if file.kind == nil { sink.register(file: display, text: text) }
        do {
            return (try EnvFile.parse(text, lookup: context.variables), file.kind != nil)
        } catch {
            sink.error(SourceLocation(file: display, line: error.line, column: error.column),
                       file.kind == nil ? error.message : EncryptedFiles.withheld)
            return ([], false)
        }
    }
}
