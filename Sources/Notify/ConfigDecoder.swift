import Basics
import FoundationEssentials
import Spec
import YAML

/// Turns the YAML tree of `reconcile.yaml` into channels, interpolating secrets and collecting positioned errors.
struct ConfigDecoder {
    let interpolator: Interpolator
    private(set) var diagnostics: [Diagnostic] = []

    init(interpolator: Interpolator) {
        self.interpolator = interpolator
    }

    static let channelKeys = ["type", "name", "url", "topic", "token", "token_in", "priority", "on", "headers", "timeout", "ca"]

    /// Other top-level keys belong to other parts of reconcile and are left alone.
    mutating func decode(root: YAMLNode) -> [NotificationChannel] {
        guard root.mapping != nil else {
            error(root.mark, "reconcile.yaml must be a mapping, found \(root.kindDescription)")
            return []
        }
        guard let list = root["notifications"], !list.isNull else { return [] }
        guard let items = list.sequence else {
            error(list.mark, "notifications must be a list of channels, found \(list.kindDescription)")
            return []
        }
        return items.compactMap { channel($0) }
    }

    private mutating func channel(_ node: YAMLNode) -> NotificationChannel? {
        guard let pairs = node.mapping else {
            error(node.mark, "a notification channel must be a mapping with `type:` and `url:`, found \(node.kindDescription)")
            return nil
        }
        let before = diagnostics.count
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            if !Self.channelKeys.contains(key) {
                error(pair.key.mark, "unknown key `\(key)` in a notification channel"
                      + EditDistance.hint(for: key, among: Self.channelKeys))
            }
        }
        guard let typeNode = node["type"] else {
            error(node.mark, "a notification channel needs `type:` (ntfy, gotify or webhook)")
            return nil
        }
        guard let typeText = string(typeNode, "type") else { return nil }
        guard let kind = NotificationChannel.Kind(rawValue: typeText) else {
            error(typeNode.mark, "unknown notification type `\(typeText)`; expected ntfy, gotify or webhook"
                  + EditDistance.hint(for: typeText, among: NotificationChannel.Kind.allCases.map(\.rawValue)))
            return nil
        }
        guard let url = url(node, kind) else { return nil }
        var channel = NotificationChannel(kind: kind, url: url, location: node.mark)
        channel.topic = node["topic"].flatMap { string($0, "topic") }
        if kind == .ntfy, channel.topic?.isEmpty ?? true {
            error(node["topic"]?.mark ?? node.mark, "an ntfy channel needs a non-empty `topic:`")
        } else if kind == .ntfy, let topic = channel.topic, !Self.isNtfyTopic(topic) {
            error(node["topic"]?.mark ?? node.mark, "ntfy topic `\(topic)` may only use letters, digits, `-` and `_` (at most 64)")
        }
        channel.token = node["token"].flatMap { $0.isNull ? nil : string($0, "token") }.flatMap { $0.isEmpty ? nil : $0 }
        if let placement = node["token_in"] { channel.tokenPlacement = tokenPlacement(placement) ?? .header }
        channel.priority = node["priority"].flatMap { priority($0, kind) }
        if let on = node["on"] { channel.events = events(on) }
        channel.ca = node["ca"].flatMap { string($0, "ca") }
        if let ca = channel.ca, !FileManager.default.fileExists(atPath: ca) {
            error(node["ca"]?.mark ?? node.mark, "ca `\(ca)` does not exist; give the absolute path of a PEM file")
        }
        if let headers = node["headers"] { channel.headers = self.headers(headers) }
        if let timeout = node["timeout"] { channel.timeout = duration(timeout) ?? channel.timeout }
        let name = node["name"].flatMap { string($0, "name") }
        channel.name = name ?? "\(kind.rawValue) \(url.host ?? "")"
        return diagnostics.count == before ? channel : nil
    }

    /// ntfy's own rule for topic names; anything else would also need escaping in the path.
    static func isNtfyTopic(_ topic: String) -> Bool {
        topic.count <= 64 && topic.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    private mutating func url(_ node: YAMLNode, _ kind: NotificationChannel.Kind) -> URL? {
        guard let urlNode = node["url"] else {
            if kind == .ntfy, let fallback = NotificationChannel.ntfyDefaultURL { return fallback }
            error(node.mark, "a \(kind.rawValue) channel needs `url:`")
            return nil
        }
        guard let text = string(urlNode, "url") else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            error(urlNode.mark, "url `\(text)` must be an http:// or https:// URL with a host")
            return nil
        }
        return url
    }

    private mutating func events(_ node: YAMLNode) -> Set<NotificationEvent.Kind> {
        let items = node.sequence ?? [node]
        var kinds: Set<NotificationEvent.Kind> = []
        let words = NotificationEvent.Kind.allCases.map(\.rawValue)
        for item in items {
            guard let word = string(item, "on") else { continue }
            guard let kind = NotificationEvent.Kind(rawValue: word) else {
                error(item.mark, "unknown event `\(word)` in `on:`; expected \(words.joined(separator: ", "))"
                      + EditDistance.hint(for: word, among: words))
                continue
            }
            kinds.insert(kind)
        }
        return kinds
    }

    private mutating func tokenPlacement(_ node: YAMLNode) -> NotificationChannel.TokenPlacement? {
        guard let text = string(node, "token_in") else { return nil }
        guard let placement = NotificationChannel.TokenPlacement(rawValue: text) else {
            error(node.mark, "token_in must be `header` or `query`, found `\(text)`")
            return nil
        }
        return placement
    }

    private mutating func priority(_ node: YAMLNode, _ kind: NotificationChannel.Kind) -> Int? {
        let range = kind == .gotify ? 0...10 : 1...5
        guard case .int(let value) = node.resolved ?? .null, range.contains(Int(value)) else {
            error(node.mark, "priority for \(kind.rawValue) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(value)
    }

    private mutating func headers(_ node: YAMLNode) -> [String: String] {
        guard let pairs = node.mapping else {
            error(node.mark, "headers must be a mapping of header names to values")
            return [:]
        }
        var headers: [String: String] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar?.value, let value = string(pair.value, "header \(name)") else { continue }
            headers[name] = value
        }
        return headers
    }

    private mutating func duration(_ node: YAMLNode) -> Duration? {
        guard let text = string(node, "timeout") else { return nil }
        guard let value = Units.duration(text), value > .zero, value <= .seconds(60) else {
            error(node.mark, "timeout `\(text)` must be a duration up to 60s, e.g. `5s` or `1500ms`")
            return nil
        }
        return value
    }

    /// A scalar's text with `${VAR}` expanded; a variable that is not set is an error here, not an empty secret.
    private mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = node.resolved?.composeText else {
            error(node.mark, "\(what) must be a string, found \(node.kindDescription)")
            return nil
        }
        guard node.resolved?.isString == true, text.contains("$") else { return text }
        do {
            let (value, unset) = try interpolator.expand(text)
            if let name = unset.first {
                error(node.mark, "\(what): environment variable `\(name)` is not set; set it where reconcile runs "
                      + "or write `${\(name):-default}`")
                return nil
            }
            return value
        } catch {
            self.error(node.mark, "\(what): \(error.message)")
            return nil
        }
    }

    private mutating func error(_ mark: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location: mark, message: message))
    }
}
