import Basics
import FoundationEssentials
import YAML

/// File access for one load: listing, reading with size limits, parsing into positioned nodes.
struct RepositoryFiles {
    let root: String
    let sink: DiagnosticSink
    let limits: YAMLLimits
    let encrypted: EncryptedFiles

    func absolute(_ relative: String) -> String {
        root + "/" + relative
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: absolute(relative))
    }

    /// The repository-relative path of a file a compose file names (`extends.file`, `include`), relative to the
    /// naming file's `folder`; nil, with an error at the value, when it leaves the repository or does not exist.
    func referencedFile(_ node: YAMLNode, folder: String, what: String) -> String? {
        guard let path = NodeReader(sink: sink).string(node, what) else { return nil }
        let absolute = StackContext.normalize(path.hasPrefix("/") ? path : folder + "/" + path)
        guard absolute.hasPrefix(root + "/") else {
            sink.error(node.mark, "\(what) `\(path)` lies outside the repository; reconcile reads only the "
                           + "repository's files: copy the file into the repository")
            return nil
        }
        let relative = String(absolute.dropFirst(root.count + 1))
        guard exists(relative) else {
            sink.error(node.mark, "\(what) `\(path)` does not exist (looked for `\(relative)`); write a path "
                           + "relative to the folder of the file that names it")
            return nil
        }
        return relative
    }

    /// Sorted names in a repository folder; a missing folder is an error.
    func entries(in folder: String, directories: Bool) -> [String] {
        let path = absolute(folder)
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory else {
            sink.error(.file(folder), "the repository has no `\(folder)/` folder")
            return []
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().filter { name in
            var entryIsDirectory = false
            let exists = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &entryIsDirectory)
            return exists && entryIsDirectory == directories
        }
    }

    /// Reads a file as UTF-8 text, refusing files over the size limit.
    func read(_ relative: String) -> String? {
        readText(relative, decrypting: false)?.text
    }

    /// Reads a file as UTF-8 text; with `decrypting`, an age or SOPS file is opened in memory first.
    func readText(_ relative: String, decrypting: Bool) -> EncryptedFiles.Text? {
        let path = absolute(relative)
        if let real = RepoContentGuard.escape(of: path, root: root) {
            sink.error(.file(relative), "`\(relative)` is a symlink to \(real), outside the repository; it is not read")
            return nil
        }
        if let size = FileSize.of(path), size > limits.maxBytes {
            sink.error(.file(relative), "file is \(size) bytes, larger than the \(limits.maxBytes)-byte limit")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            sink.error(.file(relative), "cannot read `\(relative)`")
            return nil
        }
        var opened = EncryptedFiles.Text(text: "")
        if decrypting {
            guard let text = encrypted.text(of: data, file: relative) else { return nil }
            opened = text
        }
        let plain = opened.kind == nil ? data : Data(opened.text.utf8)
        if let problem = UTF8Check.firstProblem(in: plain) {
            sink.error(SourceLocation(file: relative, line: problem.line, column: problem.column),
                       "the file holds \(problem.what) here; save it as UTF-8 text")
            return nil
        }
        opened.text = String(decoding: plain, as: UTF8.self)
        // Decrypted text stays out of diagnostics: no source line of it is ever printed.
        if opened.kind == nil { sink.register(file: relative, text: opened.text) }
        return opened
    }

    /// Parses a YAML file; errors become diagnostics, an empty file is reported.
    func parse(_ relative: String) -> YAMLNode? {
        guard let text = read(relative) else { return nil }
        do {
            guard let node = try YAMLParser.parse(bytes: Array(text.utf8), file: relative, limits: limits) else {
                sink.error(.file(relative), "the file is empty")
                return nil
            }
            return node
        } catch {
            sink.error(error.mark, error.message + Self.tabHint(text, error.mark))
            return nil
        }
    }

    /// libyaml says only "cannot start any token" when it meets a tab where indentation goes.
    static func tabHint(_ text: String, _ mark: SourceLocation) -> String {
        guard mark.line >= 1, let line = text.split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst(mark.line - 1).first, line.utf8.dropFirst(max(0, mark.column - 1)).first == UInt8(ascii: "\t") else {
            return ""
        }
        return "; the character there is a tab: YAML indents with spaces"
    }

    /// A stack's variables: `merged` for interpolation, and the project name its `.env` sets, if any.
    struct StackVariables {
        var merged: [String: String]
        /// `COMPOSE_PROJECT_NAME` from the stack's own `.env` (the process environment would name every stack alike).
        var projectName: (value: String, location: SourceLocation)?
        /// Every value of an encrypted `.env`: secrets whatever their names.
        var secretValues: Set<String> = []
    }

    /// The stack's interpolation variables: its `.env` (if any) overlaid by the process environment.
    func dotEnv(_ folder: String, environment: [String: String]) -> StackVariables? {
        let relative = "\(folder)/.env"
        guard exists(relative) else { return StackVariables(merged: environment) }
        guard let file = readText(relative, decrypting: true) else { return nil }
        do {
            var variables: [String: String] = [:]
            var projectName: (String, SourceLocation)?
            let entries: [EnvFile.Entry]
            if let pairs = file.sopsEntries {
                entries = pairs.enumerated().map { EnvFile.Entry(key: $1.key, value: $1.value, line: $0 + 1) }
            } else {
                entries = try EnvFile.parse(file.text, lookup: environment)
            }
            for entry in entries {
                variables[entry.key] = entry.value
                if entry.key == "COMPOSE_PROJECT_NAME" {
                    projectName = (entry.value, SourceLocation(file: relative, line: entry.line, column: 1))
                }
            }
            return StackVariables(merged: variables.merging(environment) { _, process in process }, projectName: projectName,
                                  secretValues: file.kind == nil ? [] : Set(entries.map(\.value).filter { !$0.isEmpty }))
        } catch {
            sink.error(SourceLocation(file: relative, line: error.line, column: error.column),
                       file.kind == nil ? error.message : EncryptedFiles.withheld)
            return nil
        }
    }
}
