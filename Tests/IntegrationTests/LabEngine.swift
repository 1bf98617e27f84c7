import Testing

/// The engine a core lab test runs its `nas` host on (issue 25): Debian 12's Docker 20.10 (API 1.41), or
/// Debian 13's Docker 26.1 (API 1.45) started with a floor of 1.44, refusing old clients as Docker 29 does.
/// `iot` stays 20.10 either way, so the modern case is also a homelab of mixed engines.
enum LabEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case docker20 = "nas"
    case docker26 = "modern"

    /// The lab host (`scripts/lab`) that runs this engine: its socket key in lab.env, its netns `lab-<host>`.
    var labHost: String { rawValue }

    var socketKey: String { self == .docker20 ? "NAS_SOCK" : "MODERN_SOCK" }

    /// What the docker CLI needs in front: Debian 12's CLI asks for 1.41, which the modern engine refuses.
    var cliEnvironment: String { self == .docker20 ? "" : "env DOCKER_API_VERSION=1.44 " }

    var testDescription: String { self == .docker20 ? "Docker 20.10" : "Docker 26.1 (refuses API < 1.44)" }
}
