import FoundationEssentials
import YAML

extension TriggerConfig.Decoder {
    static let forgeKeys = ["kind", "api", "repo", "branch", "token_file", "interval", "statuses"]

    /// `forge: {kind: github|gitea|forgejo, api: …, repo: owner/name, token_file: …, interval: 5s, statuses: true}`.
    mutating func forge(_ node: YAMLNode) -> ForgeConfig? {
        guard node.mapping != nil else {
            error(node, "forge must be a mapping like `{kind: github, repo: owner/name, token_file: /run/secrets/forge}`")
            return nil
        }
        unknownKeys(node, allowed: Self.forgeKeys, in: "forge")
        let kinds = ForgeConfig.Kind.allCases.map(\.rawValue)
        guard let kindNode = node["kind"], let written = text(kindNode, "forge.kind") else {
            error(node, "forge needs `kind:` (one of \(kinds.joined(separator: ", ")))")
            return nil
        }
        guard let kind = ForgeConfig.Kind(rawValue: written.lowercased()) else {
            error(kindNode, "unknown forge kind `\(written)`: write one of \(kinds.joined(separator: ", "))")
            return nil
        }
        guard let repoNode = node["repo"], let repo = text(repoNode, "forge.repo") else {
            error(node, "forge needs `repo: owner/name`")
            return nil
        }
        let parts = repo.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
            error(repoNode, "forge.repo `\(repo)` is not `owner/name`")
            return nil
        }
        guard let api = forgeAPI(node, kind: kind) else { return nil }
        var config = ForgeConfig(kind: kind, api: api, repo: repo)
        config.branch = node["branch"].flatMap { text($0, "forge.branch") }
        config.tokenFile = node["token_file"].flatMap { existingFile($0, "forge.token_file") }
        if let intervalNode = node["interval"], let value = text(intervalNode, "forge.interval") {
            if let interval = DaemonSettings.parseDuration(value), interval >= .seconds(1) {
                config.interval = interval
            } else {
                error(intervalNode, "forge.interval `\(value)` is not a duration of at least 1s, like `5s` or `1m`")
            }
        }
        if let statusesNode = node["statuses"] {
            switch statusesNode.scalar?.value {
            case "true": config.statuses = true
            case "false": config.statuses = false
            default: error(statusesNode, "forge.statuses must be true or false")
            }
        }
        if config.statuses, config.tokenFile == nil, node["token_file"] == nil {
            error(node, "forge.statuses needs `token_file:` with a token that may write commit statuses")
        }
        return config
    }

    mutating func forgeAPI(_ node: YAMLNode, kind: ForgeConfig.Kind) -> URL? {
        guard let apiNode = node["api"] else {
            if let api = kind.defaultAPI { return api }
            error(node, "a \(kind.rawValue) forge needs `api:`, the API base like https://git.example.org/api/v1")
            return nil
        }
        guard let written = text(apiNode, "forge.api") else { return nil }
        guard let url = URL(string: written), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false else {
            error(apiNode, "forge.api `\(written)` is not an http(s) URL like https://git.example.org/api/v1")
            return nil
        }
        return url
    }
}
