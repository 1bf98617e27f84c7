import Basics
import FoundationEssentials
import Spec
import YAML

extension TriggerConfig {
    static let keys = ["secret_file", "subscribe", "forge"]
    static let subscriptionKeys = ["mqtt", "ntfy", "token_file", "credentials_file", "client_id"]

    /// Reads `triggers:` of `reconcile.yaml` under `root`. No file or no `triggers:` means none; every problem is a
    /// positioned diagnostic (`reconcile.yaml:4:12: error: …`) and that entry is left out.
    public static func load(repository root: URL) -> (config: TriggerConfig, diagnostics: [Diagnostic]) {
        let path = root.appendingPathComponent("reconcile.yaml").path
        guard FileManager.default.fileExists(atPath: path) else { return (TriggerConfig(), []) }
        let document: YAMLNode?
        do { document = try YAMLParser.parseFile(at: path, displayPath: "reconcile.yaml") } catch {
            let location = error.mark
            return (TriggerConfig(), [Diagnostic(location: location, message: error.message)])
        }
        var decoder = Decoder()
        let config = document.map { decoder.decode($0) } ?? TriggerConfig()
        return (config, decoder.diagnostics)
    }

    /// Turns the YAML tree into a config, collecting positioned errors.
    struct Decoder {
        var diagnostics: [Diagnostic] = []

        mutating func decode(_ root: YAMLNode) -> TriggerConfig {
            guard let node = root["triggers"], !node.isNull else { return TriggerConfig() }
            guard node.mapping != nil else {
                error(node, "triggers must be a mapping with `secret_file:`, `subscribe:` or `forge:`")
                return TriggerConfig()
            }
            unknownKeys(node, allowed: TriggerConfig.keys, in: "triggers")
            var config = TriggerConfig()
            if let file = node["secret_file"], let path = text(file, "secret_file") {
                do { config.secret = try Secret.read(file: path) } catch { self.error(file, "\(error)") }
            }
            if let forge = node["forge"], !forge.isNull { config.forge = self.forge(forge) }
            if let list = node["subscribe"], !list.isNull {
                guard let items = list.sequence else {
                    error(list, "subscribe must be a list like `- mqtt: mqtt://broker.lan:1883/reconcile/deploy`")
                    return config
                }
                config.subscriptions = items.compactMap { subscription($0) }
                if !config.subscriptions.isEmpty, config.secret == nil, node["secret_file"] == nil {
                    error(node, "subscriptions need `secret_file:` with the shared secret CI signs messages with")
                }
            }
            return config
        }

        mutating func subscription(_ node: YAMLNode) -> Subscription? {
            guard node.mapping != nil else {
                error(node, "a subscription is a mapping like `mqtt: mqtt://broker.lan:1883/reconcile/deploy`")
                return nil
            }
            unknownKeys(node, allowed: TriggerConfig.subscriptionKeys, in: "a subscription")
            let kinds = Subscription.Kind.allCases.filter { node[$0.rawValue] != nil }
            guard kinds.count == 1, let kind = kinds.first, let urlNode = node[kind.rawValue],
                  let written = text(urlNode, kind.rawValue) else {
                error(node, "a subscription names exactly one of `mqtt:` or `ntfy:`")
                return nil
            }
            guard let url = URL(string: written), url.host?.isEmpty == false, url.path.count > 1 else {
                error(urlNode, "`\(written)` is not a \(kind.rawValue) topic URL: write "
                      + (kind == .mqtt ? "mqtt://HOST:PORT/TOPIC" : "https://HOST/TOPIC"))
                return nil
            }
            let schemes = kind == .mqtt ? ["mqtt"] : ["http", "https"]
            guard schemes.contains(url.scheme?.lowercased() ?? "") else {
                error(urlNode, "\(kind.rawValue) URLs start with \(schemes.map { $0 + "://" }.joined(separator: " or "))"
                      + (kind == .mqtt ? " (TLS to the broker is not supported yet: keep it on the LAN)" : ""))
                return nil
            }
            var subscription = Subscription(kind: kind, url: url)
            subscription.tokenFile = node["token_file"].flatMap { existingFile($0, "token_file") }
            subscription.credentialsFile = node["credentials_file"].flatMap { existingFile($0, "credentials_file") }
            subscription.clientID = node["client_id"].flatMap { text($0, "client_id") }
            return subscription
        }

        mutating func existingFile(_ node: YAMLNode, _ key: String) -> String? {
            guard let path = text(node, key) else { return nil }
            guard FileManager.default.isReadableFile(atPath: path) else {
                error(node, "\(key) `\(path)` cannot be read: give the absolute path of a file this user may read")
                return nil
            }
            return path
        }

        mutating func text(_ node: YAMLNode, _ key: String) -> String? {
            guard let value = node.scalar?.value, !value.isEmpty else {
                error(node, "\(key) must be a non-empty string, found \(node.kindDescription)")
                return nil
            }
            return value
        }

        mutating func unknownKeys(_ node: YAMLNode, allowed: [String], in what: String) {
            for pair in node.mapping ?? [] {
                let key = pair.key.scalar?.value ?? ""
                if !allowed.contains(key) {
                    diagnostics.append(Diagnostic(location: location(pair.key), message: "unknown key `\(key)` in \(what)"
                                                  + EditDistance.hint(for: key, among: allowed)))
                }
            }
        }

        mutating func error(_ node: YAMLNode, _ message: String) {
            diagnostics.append(Diagnostic(location: location(node), message: message))
        }

        func location(_ node: YAMLNode) -> SourceLocation {
            node.mark
        }
    }
}
