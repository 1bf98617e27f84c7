import Basics
import FoundationEssentials
import Glibc

/// A process as the journal names an operation's owner: boot, pid and the pid's start time, so a pid that was
/// reused after a restart (or a reboot) is not taken for the owner that died.
struct ProcessIdentity: Sendable, Hashable {
    var bootID: String
    var pid: Int32
    /// Clock ticks since boot at which the process started (`/proc/<pid>/stat`, field 22).
    var startTime: String

    /// `<boot id>/<pid>/<start time>`, as stored in `operations.owner`.
    var text: String { "\(bootID)/\(pid)/\(startTime)" }

    static let current = ProcessIdentity(bootID: bootID(), pid: getpid(), startTime: startTime(of: getpid()) ?? "?")

    /// Whether the owner named in the journal is still running. An operation without an owner was journaled
    /// by an earlier version and counts as dead; so does anything unreadable.
    static func isAlive(_ owner: String?) -> Bool {
        guard let owner else { return false }
        let parts = owner.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let pid = Int32(parts[1]) else { return false }
        return parts[0] == bootID() && startTime(of: pid) == parts[2]
    }

    static func bootID() -> String {
        FileManager.default.contents(atPath: "/proc/sys/kernel/random/boot_id")
            .map { String(decoding: $0, as: UTF8.self).trimmingWhitespaceAndNewlines() } ?? "unknown-boot"
    }

    /// Field 22 of `/proc/<pid>/stat`, counted after the command name (which may contain spaces and parentheses).
    static func startTime(of pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ")" come field 3 (state) onwards: field 22 is the 20th.
        return fields.count > 19 ? String(fields[19]) : nil
    }

    /// This process's command line, for the state lock's holder message.
    static func commandLine() -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/self/cmdline") else { return "reconcile" }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }
}
