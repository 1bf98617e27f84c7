import Basics
import FoundationEssentials
import Spec

/// Explains, in words a person understands, why one container config differs from another.
///
/// Both sides are redacted configs, so secrets are compared by fingerprint and
/// never appear in a reason.
public enum ConfigDiff {
    public static func reasons(from old: CanonicalConfig, to new: CanonicalConfig) -> [String] {
        var reasons: [String] = []
        let a = old.service, b = new.service
        if a.image != b.image {
            reasons.append("image \(a.image) → \(b.image)")
        } else if old.imageID != new.imageID {
            reasons.append("image \(b.image) changed \(short(old.imageID)) → \(short(new.imageID))")
        }
        // Values from encrypted files are named as secrets: "secret DB_PASSWORD changed".
        let secret = (a.secretEnvironment ?? []).union(b.secretEnvironment ?? [])
        let before = a.environment.mapValues { $0 ?? "" }, after = b.environment.mapValues { $0 ?? "" }
        reasons += keyed("secret", before.filter { secret.contains($0.key) }, after.filter { secret.contains($0.key) })
        reasons += keyed("environment", before.filter { !secret.contains($0.key) }, after.filter { !secret.contains($0.key) })
        reasons += keyed("label", a.labels, b.labels)
        reasons += keyed("file", old.repoFiles, new.repoFiles)
        reasons += listed("port", a.ports.map(describe), b.ports.map(describe))
        reasons += listed("mount", a.volumes.map(describe), b.volumes.map(describe))
        reasons += otherFields(a, b)
        return reasons.isEmpty ? ["configuration changed"] : reasons
    }

    /// `sha256:1a2b3c4d5e6f…` — enough to tell images apart in a terminal.
    public static func short(_ id: String?) -> String {
        guard let id else { return "(none)" }
        let hex = id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id
        return "sha256:" + hex.prefix(12) + "…"
    }

    static func keyed(_ what: String, _ a: [String: String], _ b: [String: String]) -> [String] {
        var out: [String] = []
        for key in Set(a.keys).union(b.keys).sorted() {
            switch (a[key], b[key]) {
            case (nil, _?): out.append("\(what) \(key) added")
            case (_?, nil): out.append("\(what) \(key) removed")
            case let (x?, y?) where x != y: out.append("\(what) \(key) changed")
            default: break
            }
        }
        return out
    }

    static func listed(_ what: String, _ a: [String], _ b: [String]) -> [String] {
        let removed = a.filter { !b.contains($0) }.map { "\(what) \($0) removed" }
        let added = b.filter { !a.contains($0) }.map { "\(what) \($0) added" }
        return removed + added
    }

    static func describe(_ p: PortSpec) -> String {
        let host = p.hostIP.isEmpty ? "" : (p.hostIP.contains(":") ? "[\(p.hostIP)]:" : "\(p.hostIP):")
        let published = p.published.isEmpty ? "" : "\(host)\(p.published)→"
        return "\(published)\(p.target)/\(p.protocol)"
    }

    static func describe(_ m: VolumeMount) -> String {
        let source = m.repoRelativeSource ?? m.source ?? m.type.rawValue
        return "\(source):\(m.target)\(m.readOnly ? ":ro" : "")"
    }

    /// Every other service field, compared through its JSON form and named as Compose names it.
    static func otherFields(_ a: ServiceSpec, _ b: ServiceSpec) -> [String] {
        let handled: Set<String> = ["image", "environment", "labels", "ports", "volumes", "source", "keyLocations",
                                    "environmentFromFiles", "secretEnvironment", "name"]
        guard let x = jsonObject(a), let y = jsonObject(b) else { return [] }
        return Set(x.keys).union(y.keys).subtracting(handled).sorted().compactMap { key in
            x[key] == y[key] ? nil : "\(composeKey(key)) changed"
        }
    }

    static func jsonObject(_ s: ServiceSpec) -> [String: JSONValue]? {
        guard let data = try? JSONEncoder().encode(s) else { return nil }
        return JSONValue.parse(data)?.object
    }

    /// `capAdd` → `cap_add`; `initProcess` → `init`.
    static func composeKey(_ swiftName: String) -> String {
        if swiftName == "initProcess" { return "init" }
        var out = ""
        for ch in swiftName {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
