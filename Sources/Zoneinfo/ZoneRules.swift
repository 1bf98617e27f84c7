import FoundationEssentials

/// A time zone's UTC offsets over time, read from the system's zoneinfo files (TZif, RFC 8536).
///
/// The system's tzdata is what apt keeps current: better than the ICU copy that full Foundation freezes into
/// a static binary (and whose initialisation alone costs megabytes of resident memory). Read again each time
/// a zone is looked up by name (a file of a few KiB per window and pass), so a tzdata upgrade applies without
/// a restart.
public struct ZoneRules: Sendable {
    /// Transition instants (seconds since 1970, UTC), ascending.
    let transitions: [Int]
    /// The offset in force from each transition on.
    let offsets: [Int]
    /// The offset before the first transition, or always when there is none and no footer.
    let initialOffset: Int
    /// The rule for instants after the last transition (or for all instants when none is listed).
    let footer: PosixZoneRule?

    /// Names that mean UTC even on a machine without tzdata.
    static let utcNames: Set<String> = ["UTC", "GMT", "Etc/UTC"]

    public static let utc = ZoneRules(fixedOffset: 0)

    /// The zone called `name` in `$TZDIR` (default `/usr/share/zoneinfo`); see `init(named:directory:)`.
    public init?(named name: String) {
        let configured = ProcessInfo.processInfo.environment["TZDIR"] ?? ""
        self.init(named: name, directory: configured.isEmpty ? "/usr/share/zoneinfo" : configured)
    }

    /// `UTC`, `GMT` and `Etc/UTC` always; fixed offsets such as `GMT+2` or `UTC-03:30` (see `GMTOffsetName`);
    /// otherwise the TZif file `directory/name`. Nil for unknown names, unreadable or malformed files, and names
    /// that are not a relative path inside `directory` (empty, absolute, or with `.`/`..` components).
    public init?(named name: String, directory: String) {
        if Self.utcNames.contains(name) {
            self = .utc
            return
        }
        if let offset = GMTOffsetName.offset(name) {
            self.init(fixedOffset: offset)
            return
        }
        guard Self.isRelativePath(name),
              let data = FileManager.default.contents(atPath: directory + "/" + name),
              let file = TZifFile(Array(data))
        else { return nil }
        self.init(transitions: file.transitions, offsets: file.offsets, initialOffset: file.initialOffset,
                  footer: file.footer.flatMap(PosixZoneRule.init(parsing:)))
    }

    private init(fixedOffset: Int) {
        self.init(transitions: [], offsets: [], initialOffset: fixedOffset, footer: nil)
    }

    private init(transitions: [Int], offsets: [Int], initialOffset: Int, footer: PosixZoneRule?) {
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = initialOffset
        self.footer = footer
    }

    /// UTC offset in seconds at an instant (seconds since 1970, UTC).
    public func offset(at instant: Int) -> Int {
        guard let first = transitions.first, let last = transitions.last else {
            return footer?.offset(at: instant) ?? initialOffset
        }
        if instant >= last { return footer?.offset(at: instant) ?? offsets[offsets.count - 1] }
        if instant < first { return initialOffset }
        return offsets[firstTransition(after: instant) - 1]
    }

    /// The first instant after `instant` at which the UTC offset changes; nil when it never does again.
    public func nextTransition(after instant: Int) -> Int? {
        var index = firstTransition(after: instant)
        while index < transitions.count {
            // Some transitions change only the abbreviation or the DST flag; they move no wall clock.
            let before = index == 0 ? initialOffset : offsets[index - 1]
            if offsets[index] != before { return transitions[index] }
            index += 1
        }
        return footer?.nextTransition(after: max(instant, transitions.last ?? instant))
    }

    /// Index of the first listed transition later than `instant` (`transitions.count` when none is).
    private func firstTransition(after instant: Int) -> Int {
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func isRelativePath(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("/") && !name.contains("\0")
            && name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
