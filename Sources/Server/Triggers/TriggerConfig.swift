import FoundationEssentials
import Store

/// The `triggers:` part of `reconcile.yaml`: the shared secret signed messages are checked with, and the
/// outbound subscriptions the daemon keeps open (it reaches out; nothing needs to reach it).
public struct TriggerConfig: Sendable {
    /// One `subscribe:` entry.
    public struct Subscription: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case mqtt, ntfy

            /// What a pass started by one of its messages records.
            var trigger: TriggerKind {
                switch self {
                case .mqtt: .mqtt
                case .ntfy: .ntfy
                }
            }
        }

        public var kind: Kind
        /// `mqtt://host:port/topic` or `https://host/topic`, as written.
        public var url: URL
        /// ntfy: a file holding the access token for a protected topic.
        public var tokenFile: String?
        /// MQTT: a file holding `user:password` for the broker.
        public var credentialsFile: String?
        /// MQTT: the client id the broker keeps the session under; stable across restarts so nothing queued is lost.
        public var clientID: String?

        public init(kind: Kind, url: URL, tokenFile: String? = nil, credentialsFile: String? = nil,
                    clientID: String? = nil) {
            self.kind = kind
            self.url = url
            self.tokenFile = tokenFile
            self.credentialsFile = credentialsFile
            self.clientID = clientID
        }

        /// How status, metrics and logs name it: the URL without credentials or query.
        public var name: String {
            url.nameWithoutSecrets(schemeIfNone: kind.rawValue)
        }
    }

    /// The shared HMAC secret, read from `secret_file:`; nil when the file sets none (messages are then refused).
    public var secret: Secret?
    public var subscriptions: [Subscription]
    /// The forge to poll for the branch head and to post commit statuses to; nil: `git ls-remote` polling only.
    public var forge: ForgeConfig?

    public init(secret: Secret? = nil, subscriptions: [Subscription] = [], forge: ForgeConfig? = nil) {
        self.secret = secret
        self.subscriptions = subscriptions
        self.forge = forge
    }
}
