import Spec

/// Image references the way `docker images` lists them, so a repo reference can be found in a list response.
extension ImageReference {
    /// `nginx` → `nginx:latest`; `docker.io/library/nginx:1` → `nginx:1`; `ghcr.io/o/r@sha256:…` as is.
    var familiar: String {
        var name = domain == "docker.io" ? path : "\(domain)/\(path)"
        if domain == "docker.io", path.hasPrefix("library/") { name = String(path.dropFirst("library/".count)) }
        return digest.map { "\(name)@\($0)" } ?? "\(name):\(effectiveTag)"
    }

    /// Whether a listed image answers to this reference: by tag, or by digest for `name@sha256:…`.
    func matches(repoTags: [String], repoDigests: [String]) -> Bool {
        digest == nil ? repoTags.contains(familiar) : repoDigests.contains(familiar)
    }
}
