import FoundationEssentials

/// The entries of a tar stream as the Engine's archive endpoints write it (ustar with PAX or GNU long names), read
/// to count and compare what an archive copy moved without unpacking it.
struct TarEntries: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var name: String
        /// The typeflag: `0` a file, `5` a folder, `2` a link, `1` a hard link.
        var type: UInt8
        var size: Int64
    }

    var entries: [Entry] = []

    /// Entries (folders, files, links, the top folder itself) and bytes in files, as the shell helper counts them.
    var counts: SnapshotCounts {
        SnapshotCounts(entries: Int64(entries.count),
                       bytes: entries.filter { $0.type == UInt8(ascii: "0") || $0.type == 0 }.reduce(0) { $0 + $1.size })
    }

    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "the archive is malformed at byte \(offset)" }
    }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        var offset = 0
        var longName: String?
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { break }
            guard let size = Self.number(header, at: offset + 124, length: 12) else { throw Malformed(offset: offset) }
            let type = bytes[offset + 156]
            let dataStart = offset + 512
            let dataEnd = dataStart + Int(size)
            guard dataEnd <= bytes.count else { throw Malformed(offset: offset) }
            switch type {
            case UInt8(ascii: "x"):
                longName = Self.paxPath(bytes[dataStart..<dataEnd]) ?? longName
            case UInt8(ascii: "L"):
                longName = Self.text(bytes[dataStart..<dataEnd])
            case UInt8(ascii: "g"), UInt8(ascii: "K"):
                break
            default:
                let prefix = Self.text(bytes[offset + 345..<offset + 500])
                let name = Self.text(bytes[offset..<offset + 100])
                entries.append(Entry(name: longName ?? (prefix.isEmpty ? name : prefix + "/" + name), type: type, size: size))
                longName = nil
            }
            offset = dataStart + (Int(size) + 511) / 512 * 512
        }
    }

    /// Names without a trailing slash, for comparing two archives of the same folder.
    var names: Set<String> {
        Set(entries.map { $0.name.hasSuffix("/") ? String($0.name.dropLast()) : $0.name })
    }

    static func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Octal, or base-256 when the first byte's high bit is set (sizes over 8 GiB).
    static func number(_ header: ArraySlice<UInt8>, at start: Int, length: Int) -> Int64? {
        let field = header[start..<start + length]
        if let first = field.first, first & 0x80 != 0 {
            return field.dropFirst().reduce(Int64(first & 0x7f)) { $0 << 8 | Int64($1) }
        }
        let digits = Self.text(field).filter { $0 != " " }
        return digits.isEmpty ? 0 : Int64(digits, radix: 8)
    }

    /// The `path=` record of a PAX header (`<length> path=<name>\n` records).
    static func paxPath(_ data: ArraySlice<UInt8>) -> String? {
        for record in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let pair = record[record.index(after: space)...]
            if pair.hasPrefix("path=") { return String(pair.dropFirst(5)) }
        }
        return nil
    }
}
