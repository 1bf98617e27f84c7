import FoundationEssentials
import Registry
import Spec

/// The registry logins a host's pulls use: the host's own `docker_config:`, else this installation's
/// Docker `config.json` (`$DOCKER_CONFIG`, `~/.docker`). Read once per pass; passwords live only in memory
/// and in the `X-Registry-Auth` header of the pull itself, never in logs, reports or history.
struct PullCredentials: Sendable {
    let credentials: DockerCredentials
    /// Where they came from, for error messages.
    let path: String
    /// For credential helpers: found on its `PATH`.
    let environment: [String: String]

    static func load(for host: HostSpec, environment: [String: String]) throws(RegistryError) -> PullCredentials {
        let url = host.dockerConfig.map { URL(fileURLWithPath: $0) } ?? DockerCredentials.defaultPath(environment: environment)
        return PullCredentials(credentials: try DockerCredentials.load(from: url), path: url.path, environment: environment)
    }

    /// `X-Registry-Auth` for pulling `reference`, or nil to pull anonymously (no login for its registry).
    /// A credential helper named for the registry (or `credsStore`) is asked first, as the docker CLI does.
    func registryAuth(for reference: String) throws -> String? {
        let registry = try ImageName(parsing: reference).registry
        let fromHelper = try credentials.helper(for: registry).flatMap {
            try CredentialHelper(name: $0).login(for: registry, environment: environment)
        }
        return try (fromHelper ?? credentials.login(for: registry))?.registryAuth(serverAddress: registry)
    }
}
