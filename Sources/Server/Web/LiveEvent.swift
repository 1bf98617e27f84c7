import Controller
import FoundationEssentials

/// One server-sent event of `GET /api/events`, as the status page's script reads it.
///
/// The JSON keeps the shape the script was written against: `kind`, `at`, and `step`, `outcome` or `commit` as
/// the kind has them. A started pass's `outcome` is its triggers, joined (the page prints it after `pass started: `).
struct LiveEvent: Encodable {
    enum Kind: String, Sendable {
        case passStarted = "pass-started"
        case step
        case passFinished = "pass-finished"
    }

    enum Body: Sendable {
        case passStarted(triggers: [String])
        case step(PassStep)
        case passFinished(PassEnd, commit: String?)
    }

    var body: Body
    var at: Date

    init(_ body: Body, at: Date = Date()) {
        self.body = body
        self.at = at
    }

    /// The SSE `event:` name.
    var kind: Kind {
        switch body {
        case .passStarted: .passStarted
        case .step: .step
        case .passFinished: .passFinished
        }
    }

    private enum CodingKeys: String, CodingKey {
        case kind, at, step, outcome, commit
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(at, forKey: .at)
        switch body {
        case .passStarted(let triggers):
            try container.encode(triggers.joined(separator: ", "), forKey: .outcome)
        case .step(let step):
            try container.encode(step, forKey: .step)
        case .passFinished(let end, let commit):
            try container.encode(end, forKey: .outcome)
            try container.encodeIfPresent(commit, forKey: .commit)
        }
    }
}
