import Basics
import FoundationEssentials

/// Registry logins read from Docker's `config.json` (`auths` → `auth` = base64 `user:pass`), so a
/// user who ran `docker login` needs no second copy of their password. Values are never logged.
public struct DockerCredentials: Sendable, Equatable {
    /// One login; `description` hides the password.
    public struct Login: Sendable, Equatable, CustomStringConvertible {
        public var username: String
        public var password: String
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
        /// The `Authorization` value for the token service.
        public var basicHeader: String { "Basic " + Data("\(username):\(password)".utf8).base64EncodedString() }
        public var description: String { "\(username):<redacted>" }

        /// The Engine API's `X-Registry-Auth` for a pull from `registry`: base64url of the auth JSON, as Compose sends.
        public func registryAuth(serverAddress registry: String) throws -> String {
            struct AuthConfig: Encodable { var username, password, serveraddress: String }
            let json = try JSONEncoder().encode(AuthConfig(username: username, password: password, serveraddress: registry))
            return json.base64EncodedString().replacingEvery("+", with: "-").replacingEvery("/", with: "_")
        }
    }

    /// Logins by normalised registry host (`registry-1.docker.io`, `ghcr.io`, `127.0.0.1:5000`).
    public var logins: [String: Login]
    /// `credHelpers`: the credential helper (`docker-credential-<name>`) per normalised registry host.
    public var helpers: [String: String]
    /// `credsStore`: the helper for every registry without an entry of its own.
    public var defaultHelper: String?

    public init(logins: [String: Login] = [:], helpers: [String: String] = [:], defaultHelper: String? = nil) {
        self.logins = logins
        self.helpers = helpers
        self.defaultHelper = defaultHelper
    }

    /// `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let directory = environment["DOCKER_CONFIG"], !directory.isEmpty {
            return URL(fileURLWithPath: directory).appendingPathComponent("config.json")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".docker/config.json")
    }

    /// Reads `path`; a missing file means no logins (anonymous pulls), a broken one is an error.
    public static func load(from path: URL) throws(RegistryError) -> DockerCredentials {
        guard FileManager.default.fileExists(atPath: path.path) else { return DockerCredentials() }
        let data: Data
        do { data = try Data(contentsOf: path) } catch {
            throw .badCredentialsFile(path: path.path, detail: FileErrorText.describe(error))
        }
        return try parse(data, path: path.path)
    }

    /// Parses a `config.json` document: `auths`, and which helpers `credHelpers`/`credsStore` name (not run here).
    static func parse(_ data: Data, path: String) throws(RegistryError) -> DockerCredentials {
        guard let document = JSONValue.parse(data) else {
            throw .badCredentialsFile(path: path, detail: "not valid JSON")
        }
        guard let root = document.object else {
            throw .badCredentialsFile(path: path, detail: "top level is not a JSON object")
        }
        var logins: [String: Login] = [:]
        for (key, value) in root["auths"]?.object ?? [:] {
            guard let entry = value.object, let login = try login(from: entry, key: key, path: path) else { continue }
            logins[normalisedHost(key)] = login
        }
        var helpers: [String: String] = [:]
        for (key, value) in root["credHelpers"]?.object ?? [:] {
            if let helper = value.string, !helper.isEmpty { helpers[normalisedHost(key)] = helper }
        }
        let store = root["credsStore"]?.string
        return DockerCredentials(logins: logins, helpers: helpers, defaultHelper: store?.isEmpty == false ? store : nil)
    }

    /// The helper to ask for `registry`, when `config.json` names one: its own, else `credsStore`.
    public func helper(for registry: String) -> String? {
        helpers[Self.normalisedHost(registry)] ?? defaultHelper
    }

    /// The login for a registry host as `ImageName.registry` spells it.
    public func login(for registry: String) -> Login? {
        logins[Self.normalisedHost(registry)]
    }

    private static func login(from entry: [String: JSONValue], key: String, path: String) throws(RegistryError) -> Login? {
        if let auth = entry["auth"]?.string, !auth.isEmpty {
            guard let decoded = Data(base64Encoded: auth).map({ String(decoding: $0, as: UTF8.self) }),
                  let colon = decoded.firstIndex(of: ":") else {
                throw .badCredentialsFile(path: path, detail: "auths[\"\(key)\"].auth is not base64 of 'user:password'")
            }
            return Login(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        }
        if let user = entry["username"]?.string, let password = entry["password"]?.string {
            return Login(username: user, password: password)
        }
        return nil
    }

    /// `https://index.docker.io/v1/`, `docker.io` → `registry-1.docker.io`; scheme and path dropped.
    static func normalisedHost(_ key: String) -> String {
        var host = key.lowercased()
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host.removeFirst(scheme.count) }
        if let slash = host.firstIndex(of: "/") { host = String(host[..<slash]) }
        return ["docker.io", "index.docker.io", "registry-1.docker.io"].contains(host) ? ImageName.dockerHub : host
    }
}
