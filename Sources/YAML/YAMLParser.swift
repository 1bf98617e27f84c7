import Basics
import CYAML
import FoundationEssentials

/// Parses YAML text into a `YAMLNode` tree with libyaml's event API.
public enum YAMLParser {
    /// Parses the single document in `text`; nil for an empty document. `file` is used only in marks/errors.
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) throws(YAMLError) -> YAMLNode? {
        try parse(bytes: Array(text.utf8), file: file, limits: limits)
    }

    /// Reads and parses a file; `displayPath` is what marks and errors show (e.g. a repository-relative path).
    public static func parseFile(at path: String, displayPath: String,
                                 limits: YAMLLimits = .default) throws(YAMLError) -> YAMLNode? {
        if let size = FileSize.of(path), size > limits.maxBytes {
            throw YAMLError(file: displayPath, line: 1, column: 1,
                            message: "file is \(size) bytes, larger than the \(limits.maxBytes)-byte limit")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw YAMLError(file: displayPath, line: 1, column: 1, message: "cannot read file \(path)")
        }
        return try parse(bytes: [UInt8](data), file: displayPath, limits: limits)
    }

    /// Parses raw bytes; libyaml reads them in place, so parsing stays inside `withUnsafeBufferPointer`.
    public static func parse(bytes: [UInt8], file: String, limits: YAMLLimits = .default) throws(YAMLError) -> YAMLNode? {
        if bytes.count > limits.maxBytes {
            throw YAMLError(file: file, line: 1, column: 1,
                            message: "input is \(bytes.count) bytes, larger than the \(limits.maxBytes)-byte limit")
        }
        if bytes.isEmpty { return nil }
        let result: Result<YAMLNode?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .success(nil) }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLError(file: file, line: 1, column: 1, message: "libyaml could not allocate a parser"))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var builder = YAMLTreeBuilder(file: file, limits: limits)
            do throws(YAMLError) {
                try runEvents(&parser, into: &builder, file: file)
                return .success(builder.root)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Pulls events until the stream ends, feeding each to the builder.
    private static func runEvents(_ parser: inout yaml_parser_t, into builder: inout YAMLTreeBuilder,
                                  file: String) throws(YAMLError) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw parserError(parser, file: file)
            }
            defer { yaml_event_delete(&event) }
            let mark = SourceLocation(file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                try builder.startDocument(at: mark)
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let value = string(data.value, length: data.length) ?? ""
                let tag = string(data.tag)
                let explicitTag = isDefaultTag(tag) ? nil : tag
                try builder.scalar(YAMLScalar(value, style: style(data.style)), tag: explicitTag,
                                   anchor: string(data.anchor), at: mark)
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try builder.startCollection(isMapping: false, tag: string(data.tag),
                                            anchor: string(data.anchor), at: mark)
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try builder.startCollection(isMapping: true, tag: string(data.tag),
                                            anchor: string(data.anchor), at: mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection()
            case YAML_ALIAS_EVENT:
                try builder.alias(string(event.data.alias.anchor) ?? "", at: mark)
            default:
                continue
            }
        }
    }

    private static func isDefaultTag(_ tag: String?) -> Bool {
        tag == nil || tag == "!"
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Turns libyaml's problem/context fields into one readable positioned error.
    private static func parserError(_ parser: yaml_parser_t, file: String) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var line = Int(parser.problem_mark.line) + 1
        var column = Int(parser.problem_mark.column) + 1
        if parser.error == YAML_READER_ERROR {
            line = 1
            column = 1
            let message = "\(problem) at byte offset \(parser.problem_offset) (the file must be UTF-8 text)"
            return YAMLError(file: file, line: line, column: column, message: message)
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            let where_ = "line \(parser.context_mark.line + 1) column \(parser.context_mark.column + 1)"
            message += " (\(context) at \(where_))"
        }
        return YAMLError(file: file, line: line, column: column, message: message)
    }
}
