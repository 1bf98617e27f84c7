import FoundationEssentials

extension TagLocation {
    /// Writes `newTag` over the tag's bytes; every other byte of the file (formatting, comments, the rest of
    /// the line) stays as it was. Refuses when the file changed since the tag was located.
    public func replace(with newTag: String, root: URL) throws(TagEditError) {
        let url = root.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TagEditError(location: file, message: "cannot be read; check that it exists and is readable")
        }
        var bytes = [UInt8](data)
        let old = Array(tag.utf8)
        guard offset + old.count <= bytes.count, Array(bytes[offset..<offset + old.count]) == old else {
            throw TagEditError(location: description, message: "no longer reads `\(tag)`; the file changed, try again")
        }
        bytes.replaceSubrange(offset..<offset + old.count, with: Array(newTag.utf8))
        // In place, not by rename: the file keeps its mode (a `.env` may be private).
        do { try Data(bytes).write(to: url) } catch {
            throw TagEditError(location: file, message: "cannot be written: \(error); check its permissions")
        }
    }
}
