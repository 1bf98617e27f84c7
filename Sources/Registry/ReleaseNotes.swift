import Basics
import FoundationEssentials

/// Where a version's release notes are, from the image's `org.opencontainers.image.source` label.
public enum ReleaseNotes {
    public static let sourceLabel = "org.opencontainers.image.source"

    /// `<source>/releases/tag/<tag>` for GitHub, Gitea and Forgejo (GitLab: `/-/releases/<tag>`); nil when the
    /// source is not an `http(s)://host/owner/repo` address. Paths below the repository (`/tree/main/app`) and a
    /// `.git` suffix are dropped, since releases belong to the repository.
    public static func url(source: String, tag: String) -> String? {
        guard let parts = URLComponents(string: source.trimmingWhitespace()),
              let scheme = parts.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = parts.host, !host.isEmpty, !tag.isEmpty,
              tag.allSatisfy({ $0.isLetter || $0.isNumber || "._-+".contains($0) }) else { return nil }
        let segments = parts.path.split(separator: "/").prefix(2).map(String.init)
        guard segments.count == 2 else { return nil }
        let repository = segments[1].hasSuffix(".git") ? String(segments[1].dropLast(4)) : segments[1]
        guard !repository.isEmpty else { return nil }
        let port = parts.port.map { ":\($0)" } ?? ""
        let base = "\(scheme)://\(host)\(port)/\(segments[0])/\(repository)"
        return host.lowercased().contains("gitlab") ? "\(base)/-/releases/\(tag)" : "\(base)/releases/tag/\(tag)"
    }
}
