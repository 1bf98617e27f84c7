/// How far an update may move a version: `allow: patch` stays on 1.2.x, `minor` on 1.x, `major` anywhere.
public enum VersionStep: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case patch
    case minor
    case major

    private var rank: Int {
        switch self {
        case .patch: 0
        case .minor: 1
        case .major: 2
        }
    }

    public static func < (lhs: VersionStep, rhs: VersionStep) -> Bool { lhs.rank < rhs.rank }
}
