import Controller
import Spec
import FoundationEssentials
import Store

/// What `reconcile updates` shows: each open update (current → candidate, policy, when found, where the tag
/// is written) and what this run did.
public struct UpdatesReport: Sendable, Encodable, TextRenderable {
    public struct Entry: Sendable, Encodable {
        public var id: Int64
        public var stack: String
        public var service: String
        public var image: String
        public var current: String
        public var candidate: String
        public var step: String
        public var mode: String
        public var state: VersionUpdateRecord.State
        public var foundAt: Date
        /// `stacks/web/compose.yaml:5:21`, or why the tag could not be found there.
        public var writtenAt: String
        public var commit: String?
        public var pushed: Bool
        public var lastError: String?
        /// The candidate's release notes, when its image names its source repository.
        public var releaseNotes: String?
    }

    public var updates: [Entry]
    /// What was done: `committed 3 …`, `approved …`, `push failed …`.
    public var done: [String]

    public func renderText() -> String {
        var out = ""
        for line in done { out += line + "\n" }
        guard !updates.isEmpty else {
            return out + "No version updates: every service with `policy: semver` runs the newest version its policy allows.\n"
        }
        for entry in updates {
            let state = entry.state == .committed && !entry.pushed ? "committed, push pending" : entry.state.rawValue
            out += "\(entry.id)  \(entry.stack)/\(entry.service)  \(entry.image) \(entry.current) → \(entry.candidate)"
                + "  (\(entry.step), mode \(entry.mode))  \(state)\n"
            out += "    found \(entry.foundAt.formatted(.iso8601)), tag written at \(entry.writtenAt)\n"
            if let notes = entry.releaseNotes { out += "    release notes: \(notes)\n" }
            if let error = entry.lastError { out += "    last error: \(error)\n" }
        }
        if updates.contains(where: { $0.state == .pending && $0.mode == UpdatePolicy.Approval.approve.rawValue }) {
            out += "Approve with `reconcile updates approve ID`, or `reconcile updates skip ID` to never propose it again.\n"
        }
        return out
    }
}
