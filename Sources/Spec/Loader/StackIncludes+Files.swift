import Basics
import YAML

extension StackIncludes {
    /// An included file's variables, as Compose gives them: the item's `env_file`s (relative to the including
    /// folder), else the `.env` of its project directory; the stack's own variables win over both.
    func variables(envFiles: [YAMLNode]?, folder: String, project: String) -> [String: String]? {
        guard let envFiles else {
            let root = files.root
            guard project.hasPrefix(root + "/") else { return variables }
            return files.dotEnv(String(project.dropFirst(root.count + 1)), environment: variables)?.merged
        }
        var values: [String: String] = [:]
        for node in envFiles {
            guard let relative = files.referencedFile(node, folder: folder, what: "`include.env_file`"),
                  let text = files.read(relative) else { return nil }
            do {
                let lookup = values.merging(variables) { _, stack in stack }
                for entry in try EnvFile.parse(text, lookup: lookup) { values[entry.key] = entry.value }
            } catch {
                sink.error(SourceLocation(file: relative, line: error.line, column: error.column), error.message)
                return nil
            }
        }
        return values.merging(variables) { _, stack in stack }
    }

    /// Two definitions that say the same, wherever they were written: scalars by text, maps whatever their order.
    static func sameDefinition(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)): return x.value == y.value && a.isNull == b.isNull
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy(sameDefinition)
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { pair in
                y.first { $0.key.scalar?.value == pair.key.scalar?.value }.map { sameDefinition(pair.value, $0.value) } ?? false
            }
        default: return false
        }
    }
}
