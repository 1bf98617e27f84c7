@testable import Controller
import Foundation
import Testing

/// The archive fallback counts what it moved from the tar headers (issue 18): ustar names with a prefix, PAX and GNU
/// long names, sizes in octal and base-256, and a truncated stream refused.
struct TarEntriesTests {
    /// One 512-byte header (plus data padded to 512) with the fields the reader looks at.
    static func entry(_ name: String, type: Character, data: [UInt8] = [], prefix: String = "", size: [UInt8]? = nil) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<min(name.utf8.count, 100), with: Array(name.utf8.prefix(100)))
        let octal = Array(String(format: "%011o", data.count).utf8)
        header.replaceSubrange(124..<136, with: size ?? (octal + [0]))
        header[156] = type.asciiValue ?? 0
        header.replaceSubrange(345..<345 + prefix.utf8.count, with: Array(prefix.utf8))
        return header + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    @Test func countsFoldersFilesAndLinksAsTheShellDoes() throws {
        let pax = Array("27 path=0/a-very-long-name\n".utf8)
        let tar = Self.entry("0/", type: "5") + Self.entry("0/a", type: "0", data: Array("hello\n".utf8))
            + Self.entry("b", type: "0", data: [1, 2, 3], prefix: "0/sub") + Self.entry("0/link", type: "2")
            + Self.entry("PaxHeader", type: "x", data: pax) + Self.entry("0/short", type: "0", data: [9])
            + Self.entry("././@LongLink", type: "L", data: Array("0/gnu-long\0".utf8)) + Self.entry("0/x", type: "0")
            + [UInt8](repeating: 0, count: 1024)
        let entries = try TarEntries(Data(tar))
        #expect(entries.names == ["0", "0/a", "0/sub/b", "0/link", "0/a-very-long-name", "0/gnu-long"])
        #expect(entries.counts == SnapshotCounts(entries: 6, bytes: 6 + 3 + 1))
    }

    @Test func readsBase256Sizes() throws {
        let big: [UInt8] = [0x80] + [UInt8](repeating: 0, count: 10) + [0x02]
        #expect(TarEntries.number(ArraySlice(Self.entry("f", type: "0", size: big)), at: 124, length: 12) == 2)
    }

    @Test func refusesATruncatedArchive() {
        let tar = Array(Self.entry("0/a", type: "0", data: [UInt8](repeating: 7, count: 600)).prefix(700))
        #expect(throws: TarEntries.Malformed.self) { try TarEntries(Data(tar)) }
    }
}
