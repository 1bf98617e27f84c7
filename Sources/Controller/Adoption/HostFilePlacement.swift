import Basics

/// Adds stack names to the `stacks:` of a host file, by editing its text: comments, order and everything
/// else in the file stay as the person wrote them.
enum HostFilePlacement {
    /// The file's text with `names` added to its `stacks:` (those already listed are not repeated).
    static func adding(_ names: [String], to text: String, file: String) throws(AdoptError) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("stacks:") }) else {
            let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
            return text + separator + "stacks: [\(names.joined(separator: ", "))]\n"
        }
        let rest = lines[index].dropFirst("stacks:".count)
        let value = rest.split(separator: "#", maxSplits: 1).first.map { $0.trimmingWhitespace() } ?? ""
        if value.hasPrefix("["), value.hasSuffix("]") {
            let listed = value.dropFirst().dropLast().split(separator: ",").map { $0.trimmingWhitespace() }
                .filter { !$0.isEmpty }
            let all = listed + names.filter { !listed.contains($0) }
            let comment = rest.firstIndex(of: "#").map { "  " + rest[$0...] } ?? ""
            lines[index] = "stacks: [\(all.joined(separator: ", "))]\(comment)"
            return lines.joined(separator: "\n")
        }
        if value.isEmpty {
            // A block list: the new names go after its last item, indented as it is.
            var last = index
            var indent = "  "
            var listed: [String] = []
            for i in (index + 1)..<lines.count {
                let trimmed = lines[i].trimmingWhitespace()
                guard trimmed.hasPrefix("- ") else {
                    if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                    break
                }
                indent = String(lines[i].prefix { $0 == " " })
                listed.append(String(trimmed.dropFirst(2)).trimmingWhitespace())
                last = i
            }
            let added = names.filter { !listed.contains($0) }.map { "\(indent)- \($0)" }
            lines.insert(contentsOf: added, at: last + 1)
            return lines.joined(separator: "\n")
        }
        throw AdoptError.placement(file: file, line: index + 1, stacks: names)
    }
}
