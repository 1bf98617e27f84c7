import Basics
import FoundationEssentials
import Registry

/// A Docker credential helper (`docker-credential-<name>`, e.g. `pass`, `secretservice`, `ecr-login`):
/// `get` reads the registry on stdin and prints `{"Username": …, "Secret": …}`.
struct CredentialHelper {
    let name: String

    /// The helper's login for `registry`; nil when it has none ("credentials not found").
    func login(for registry: String, environment: [String: String]) throws(CredentialHelperError) -> DockerCredentials.Login? {
        let program = "docker-credential-" + name
        let result: ChildProcess.Result
        do {
            result = try ChildProcess(executable: "/usr/bin/env", arguments: [program, "get"], environment: environment,
                                      input: Data((Self.serverURL(registry) + "\n").utf8)).run()
        } catch {
            throw CredentialHelperError(helper: program, registry: registry, detail: error.description)
        }
        let errorText = String(decoding: result.standardError + result.standardOutput, as: UTF8.self)
        guard result.status == 0 else {
            if errorText.lowercased().contains("not found") { return nil }
            // The helper's own message; helpers never print the secret on failure.
            throw CredentialHelperError(helper: program, registry: registry, detail: "exit \(result.status): "
                                            + errorText.trimmingWhitespaceAndNewlines().prefix(200))
        }
        guard let answer = JSONValue.parse(result.standardOutput)?.object,
              let username = answer["Username"]?.string, let secret = answer["Secret"]?.string else {
            throw CredentialHelperError(helper: program, registry: registry,
                                        detail: "its answer is not {\"Username\": …, \"Secret\": …}")
        }
        return DockerCredentials.Login(username: username, password: secret)
    }

    /// Helpers store Docker Hub under the v1 URL the docker CLI uses; other registries by host.
    static func serverURL(_ registry: String) -> String {
        registry == ImageName.dockerHub ? "https://index.docker.io/v1/" : registry
    }
}

/// A credential helper that failed; says which and why, never the secret.
struct CredentialHelperError: Error, CustomStringConvertible {
    var helper: String
    var registry: String
    var detail: String

    var description: String {
        "credential helper \(helper) failed for \(registry): \(detail); check it with `echo \(registry) | \(helper) get`"
    }
}
