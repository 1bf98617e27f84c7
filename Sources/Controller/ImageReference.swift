/// Image references the way `docker images` lists them, so a repo reference can be found in a list response.
enum ImageReference {
    /// `nginx` → `nginx:latest`; `docker.io/library/nginx:1` → `nginx:1`; digests are kept as written.
    static func familiar(_ reference: String) -> String {
        var ref = reference
        for prefix in ["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"]
        where ref.hasPrefix(prefix) {
            ref = String(ref.dropFirst(prefix.count))
            break
        }
        if ref.contains("@") { return ref }
        let lastComponent = ref.split(separator: "/").last.map(String.init) ?? ref
        return lastComponent.contains(":") ? ref : ref + ":latest"
    }

    /// Whether a listed image answers to `reference` (by tag, or by digest for `name@sha256:…`).
    static func matches(_ reference: String, repoTags: [String], repoDigests: [String]) -> Bool {
        let wanted = familiar(reference)
        if wanted.contains("@") {
            let digest = wanted.split(separator: "@").last.map(String.init) ?? wanted
            let name = String(wanted.prefix { $0 != "@" }).split(separator: ":").first.map(String.init) ?? wanted
            return repoDigests.contains { $0 == wanted || ($0.hasSuffix("@" + digest) && $0.hasPrefix(name)) }
        }
        return repoTags.contains(wanted)
    }
}
