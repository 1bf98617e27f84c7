import Basics

/// One Docker host from `hosts/<name>.yaml`.
public struct HostSpec: Sendable, Codable, Hashable {
    /// Client certificate files for `tcp://` endpoints with mutual TLS; absolute paths.
    public struct TLSFiles: Sendable, Codable, Hashable {
        public var ca: String
        public var cert: String
        public var key: String

        public init(ca: String, cert: String, key: String) {
            self.ca = ca
            self.cert = cert
            self.key = key
        }
    }

    /// How an `ssh://user@host[:port]` endpoint reaches the engine; absolute paths.
    public struct SSHSettings: Sendable, Codable, Hashable {
        /// The engine's socket on the remote host.
        public var socket: String
        /// The private key file; nil lets ssh use its defaults (`~/.ssh/id_*`).
        public var identity: String?
        /// The pinned host keys: ssh refuses any host key not in this file.
        public var knownHosts: String

        public init(socket: String = "/var/run/docker.sock", identity: String? = nil, knownHosts: String) {
            self.socket = socket
            self.identity = identity
            self.knownHosts = knownHosts
        }
    }

    /// The file name without `.yaml`.
    public var name: String
    /// Raw endpoint: `unix:///var/run/docker.sock`, `tcp://host:port` or `ssh://user@host[:port]`.
    public var endpoint: String
    public var tls: TLSFiles?
    /// Set exactly when the endpoint is `ssh://`.
    public var ssh: SSHSettings?
    /// Skip server certificate verification (only for lab setups).
    public var insecure: Bool
    public var vlan: String?
    public var labels: [String: String]
    /// Maintenance windows that apply to every stack on this host.
    public var windows: [WindowSpec]
    /// IANA zone used by windows that do not name one.
    public var timezone: String?
    /// Stacks this file places on the host (`stacks: [immich, paperless]`), on top of `x-reconcile.hosts`.
    public var stacks: [String]
    /// Absolute folder on the host under which host data lives: `<data>/<project>/<path>`.
    public var data: String?
    /// A Docker `config.json` whose registry logins pulls on this host use instead of this installation's.
    public var dockerConfig: String?
    public var source: SourceLocation

    public init(name: String, endpoint: String, tls: TLSFiles? = nil, ssh: SSHSettings? = nil, insecure: Bool = false, vlan: String? = nil,
                labels: [String: String] = [:], windows: [WindowSpec] = [], timezone: String? = nil,
                stacks: [String] = [], data: String? = nil, source: SourceLocation) {
        self.name = name
        self.endpoint = endpoint
        self.tls = tls
        self.ssh = ssh
        self.insecure = insecure
        self.vlan = vlan
        self.labels = labels
        self.windows = windows
        self.timezone = timezone
        self.stacks = stacks
        self.data = data
        self.source = source
    }
}
