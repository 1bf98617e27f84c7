import Basics
import FoundationEssentials
import Spec
import YAML

/// Finds where a service's image tag is written. The compose file is read again with its marks (the model
/// keeps only interpolated values): a literal tag is edited in place; `${VAR}` sends the edit to the stack's
/// `.env` line that sets `VAR`, or to a `${VAR:-1.2.0}` default when no `.env` sets it.
public enum TagLocator {
    /// The location of `tag` in the image of `service` of `stack`, whose compose file is `file` under `root`.
    public static func locate(tag: String, service: String, stack: StackSpec, root: URL) throws(TagEditError) -> TagLocation {
        let composePath = root.appendingPathComponent(stack.file).path
        let bytes = try read(composePath, display: stack.file)
        let node: YAMLNode?
        do { node = try YAMLParser.parse(bytes: bytes, file: stack.file) } catch {
            throw TagEditError(location: stack.file, message: "cannot be read: \(error); fix the file first")
        }
        guard let image = node?.pair(forKey: "services")?.value.pair(forKey: service)?.value.pair(forKey: "image")?.value,
              let scalar = image.scalar else {
            throw TagEditError(location: stack.file, message: "service `\(service)` has no `image:` in this file "
                                   + "(it may come from `extends` or `include`); update its tag by hand")
        }
        let text = SourceText(bytes: bytes)
        let place = "\(stack.file):\(image.mark.line):\(image.mark.column)"
        // A one-line image name has no escapes: its source bytes are its value, after the opening quote if any.
        let start = text.offset(line: image.mark.line, column: image.mark.column) + (scalar.style == .plain ? 0 : 1)
        let content = scalar.value
        let value = start..<(start + content.utf8.count)
        guard value.upperBound <= bytes.count, Array(bytes[value]) == Array(content.utf8) else {
            throw TagEditError(location: place, message: "the image is not written on one line as it reads; "
                                   + "update its tag by hand")
        }
        if !content.contains("$") {
            guard content.hasSuffix(":" + tag), !content.contains("@") else {
                throw TagEditError(location: place, message: "`\(content)` does not end in `:\(tag)`; update it by hand")
            }
            return text.location(file: stack.file, offset: value.upperBound - tag.utf8.count, tag: tag)
        }
        for reference in VariableReference.all(in: content) {
            if let found = try envLocation(of: reference.name, tag: tag, stack: stack, root: root) { return found }
            if let defaultRange = reference.defaultRange, content[defaultRange].hasSuffix(tag) {
                let end = value.lowerBound + content[..<defaultRange.upperBound].utf8.count
                return text.location(file: stack.file, offset: end - tag.utf8.count, tag: tag)
            }
        }
        throw TagEditError(location: place, message: "the tag `\(tag)` of `\(content)` is set neither in the stack's "
                               + "`.env` nor as a `${VAR:-default}`; set it there or update it by hand")
    }

    /// The `.env` line `NAME=…` whose value ends in the tag, if the stack has one.
    static func envLocation(of name: String, tag: String, stack: StackSpec, root: URL) throws(TagEditError) -> TagLocation? {
        let envFile = stack.file.split(separator: "/").dropLast().map { $0 + "/" }.joined() + ".env"
        let path = root.appendingPathComponent(envFile).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text = SourceText(bytes: try read(path, display: envFile))
        guard let line = text.lines.firstIndex(where: { SourceText.assignedName($0, in: text.bytes) == name }) else { return nil }
        var value = text.assignedValue(text.lines[line])
        // `NAME="1.2.0"  # pinned`: the value ends at the closing quote or before a comment.
        if let quote = text.bytes[value].first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            value = text.scalarContent(at: value.lowerBound, quoted: true)
        } else {
            value = text.trimmingComment(value)
        }
        let written = String(decoding: text.bytes[value], as: UTF8.self)
        guard written == tag || written.hasSuffix(":" + tag) else { return nil }
        var found = text.location(file: envFile, offset: value.upperBound - tag.utf8.count, tag: tag)
        found.variable = name
        return found
    }

    private static func read(_ path: String, display: String) throws(TagEditError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TagEditError(location: display, message: "cannot be read; check that it exists and is readable")
        }
        return [UInt8](data)
    }
}
