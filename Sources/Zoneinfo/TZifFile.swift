/// The parts of a TZif file (RFC 8536, versions 1–4) that UTC offsets need.
///
/// Version 2+ files carry the version 1 block (32-bit times) first, then a second header with 64-bit times
/// and a footer TZ string; only the 64-bit block and the footer are read from them.
struct TZifFile {
    /// Transition instants, ascending (seconds since 1970, UTC).
    var transitions: [Int]
    /// UTC offset in effect from each transition on.
    var offsets: [Int]
    /// UTC offset before the first transition (local time type 0).
    var initialOffset: Int
    /// The footer's TZ string, for instants after the last transition; nil in version 1 files or when empty.
    var footer: String?

    /// Parses `bytes`; nil when they are not a well-formed TZif file, or when it counts leap seconds
    /// (the `right/` zones, whose transition times are not POSIX seconds).
    init?(_ bytes: [UInt8]) {
        var reader = ByteReader(bytes)
        guard let header = Header(&reader) else { return nil }
        var block = header
        if header.version >= 2 {
            guard reader.skip(header.blockSize(timeSize: 4)), let second = Header(&reader) else { return nil }
            block = second
        }
        let timeSize = header.version >= 2 ? 8 : 4
        guard block.leapCount == 0, block.typeCount > 0,
              let times = reader.integers(count: block.timeCount, size: timeSize),
              let typeIndices = reader.bytes(count: block.timeCount),
              let types = reader.integers(count: block.typeCount * 3, sizes: [4, 1, 1]),
              reader.skip(block.charCount + block.stdCount + block.utCount)
        else { return nil }
        let utcOffsets = stride(from: 0, to: types.count, by: 3).map { types[$0] }
        guard typeIndices.allSatisfy({ Int($0) < utcOffsets.count }),
              zip(times, times.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        transitions = times
        offsets = typeIndices.map { utcOffsets[Int($0)] }
        initialOffset = utcOffsets[0]
        footer = header.version >= 2 ? reader.footer() : nil
    }

    /// The counts that size a data block.
    private struct Header {
        var version: Int
        var utCount: Int, stdCount: Int, leapCount: Int, timeCount: Int, typeCount: Int, charCount: Int

        init?(_ reader: inout ByteReader) {
            guard reader.bytes(count: 4) == Array("TZif".utf8), let version = reader.bytes(count: 1)?.first,
                  reader.skip(15), let counts = reader.integers(count: 6, size: 4), counts.allSatisfy({ $0 >= 0 })
            else { return nil }
            // Version byte: NUL for version 1, else the ASCII digit.
            self.version = version == 0 ? 1 : Int(version) - Int(UInt8(ascii: "0"))
            (utCount, stdCount, leapCount, timeCount, typeCount, charCount) =
                (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
        }

        /// Bytes of the data block that follows this header.
        func blockSize(timeSize: Int) -> Int {
            timeCount * (timeSize + 1) + typeCount * 6 + charCount + leapCount * (timeSize + 4) + stdCount + utCount
        }
    }
}

/// Big-endian reads over a byte array that fail (nil/false) instead of running past the end.
private struct ByteReader {
    let data: [UInt8]
    var position = 0

    init(_ data: [UInt8]) {
        self.data = data
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, data.count - position >= count else { return false }
        position += count
        return true
    }

    mutating func bytes(count: Int) -> [UInt8]? {
        let start = position
        guard skip(count) else { return nil }
        return Array(data[start..<position])
    }

    /// `count` signed integers of `size` bytes each (1, 4 or 8).
    mutating func integers(count: Int, size: Int) -> [Int]? {
        integers(count: count, sizes: [size])
    }

    /// Signed integers whose sizes repeat in the pattern `sizes` (a TZif local time type is 4 + 1 + 1).
    mutating func integers(count: Int, sizes: [Int]) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(max(0, count))
        for index in 0..<max(0, count) {
            let size = sizes[index % sizes.count]
            guard let raw = bytes(count: size) else { return nil }
            let unsigned = raw.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            // Sign-extend from the field's width; single bytes (isdst, indices) are unsigned.
            let shift = UInt64(64 - 8 * size)
            values.append(size == 1 ? Int(unsigned) : Int(Int64(bitPattern: unsigned << shift) >> Int64(shift)))
        }
        return values
    }

    /// The footer of a version 2+ file: a TZ string between two newlines; nil when absent or empty.
    mutating func footer() -> String? {
        guard position < data.count, data[position] == UInt8(ascii: "\n") else { return nil }
        let rest = data[(position + 1)...]
        guard let end = rest.firstIndex(of: UInt8(ascii: "\n")), end > rest.startIndex else { return nil }
        return String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
    }
}
