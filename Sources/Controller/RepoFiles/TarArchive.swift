import FoundationEssentials
import Spec

/// A minimal POSIX tar writer: what the Engine's archive endpoint needs to unpack repo content.
///
/// Entries are owned by root (a copied-in secret or config: its `uid`/`gid`) with a fixed modification time,
/// so the same content always gives the same bytes; paths longer than ustar's fields go in a PAX extended header.
struct TarArchive {
    private(set) var bytes = Data()

    init(_ entries: [RepoContent.Entry]) {
        for entry in entries { append(entry) }
        bytes.append(Data(count: 1024))
    }

    /// Copied-in secrets and configs, each at its absolute target (the archive is unpacked at `/`).
    init(injected files: [InjectedFile]) {
        self.init(files.map { RepoContent.Entry(path: String($0.target.drop { $0 == "/" }), mode: $0.mode,
                                                kind: .file(Data($0.content.utf8)), uid: $0.uid ?? 0, gid: $0.gid ?? 0) })
    }

    private mutating func append(_ entry: RepoContent.Entry) {
        let name = entry.kind == .directory ? entry.path + "/" : entry.path
        var link = ""
        var body = Data()
        var type: UInt8 = UInt8(ascii: "0")
        switch entry.kind {
        case .file(let data): body = data
        case .directory: type = UInt8(ascii: "5")
        case .symlink(let target):
            type = UInt8(ascii: "2")
            link = target
        }
        var pax: [(String, String)] = []
        if name.utf8.count > 100 { pax.append(("path", name)) }
        if link.utf8.count > 100 { pax.append(("linkpath", link)) }
        // Ids past the 7 octal digits of ustar's fields ride in the PAX header.
        if entry.uid > Self.maxOctalID { pax.append(("uid", String(entry.uid))) }
        if entry.gid > Self.maxOctalID { pax.append(("gid", String(entry.gid))) }
        if !pax.isEmpty {
            let records = Data(pax.map(Self.paxRecord).joined().utf8)
            write(header(name: "PaxHeader", mode: 0o644, size: records.count, type: UInt8(ascii: "x"), link: ""), records)
        }
        write(header(name: String(decoding: name.utf8.prefix(100), as: UTF8.self), mode: entry.mode, size: body.count,
                     type: type, link: String(decoding: link.utf8.prefix(100), as: UTF8.self),
                     owner: (min(entry.uid, Self.maxOctalID), min(entry.gid, Self.maxOctalID))), body)
    }

    private mutating func write(_ header: Data, _ body: Data) {
        bytes.append(header)
        bytes.append(body)
        let padding = (512 - body.count % 512) % 512
        bytes.append(Data(count: padding))
    }

    static let maxOctalID = 0o7777777

    /// `"%d key=value\n"` where the number counts the whole record, itself included.
    static func paxRecord(_ pair: (String, String)) -> String {
        let rest = " \(pair.0)=\(pair.1)\n"
        var length = rest.utf8.count + 1
        while String(length).utf8.count + rest.utf8.count != length { length += 1 }
        return "\(length)\(rest)"
    }

    /// The engine applies the numeric owner (`Lchown`); the names are written only for root, which they are.
    private func header(name: String, mode: Int, size: Int, type: UInt8, link: String,
                        owner: (uid: Int, gid: Int) = (0, 0)) -> Data {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(mode & 0o7777, at: 100, width: 8)
        octal(owner.uid, at: 108, width: 8)
        octal(owner.gid, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(0, at: 136, width: 12)
        put("        ", at: 148, width: 8)
        block[156] = type
        put(link, at: 157, width: 100)
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        if owner.uid == 0 { put("root", at: 265, width: 32) }
        if owner.gid == 0 { put("root", at: 297, width: 32) }
        let checksum = block.reduce(0) { $0 + Int($1) }
        octal(checksum, at: 148, width: 7)
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        return Data(block)
    }
}
