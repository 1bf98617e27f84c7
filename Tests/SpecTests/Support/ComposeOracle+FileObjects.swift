import Foundation

extension ComposeOracle {
    /// What `docker compose create` does with `config`'s secrets and configs for a plain container (seen on a lab
    /// engine): a read-only bind of the file at `/run/secrets/<target>` (secrets) or `/<target>` (configs), an
    /// absolute target as written, after the service's own volumes.
    static func fileObjectsAsMounts(_ config: [String: Any]) -> [String: Any] {
        var config = config
        let files = ["secrets", "configs"].reduce(into: [String: [String: String]]()) { files, kind in
            files[kind] = ((config[kind] as? [String: Any]) ?? [:]).compactMapValues { ($0 as? [String: Any])?["file"] as? String }
            config[kind] = nil
        }
        config["services"] = (config["services"] as? [String: Any])?.mapValues { service -> Any in
            guard var service = service as? [String: Any] else { return service }
            var volumes = service["volumes"] as? [[String: Any]] ?? []
            for kind in ["secrets", "configs"] {
                for item in service[kind] as? [[String: Any]] ?? [] {
                    guard let name = item["source"] as? String else { continue }
                    let target = item["target"] as? String ?? name
                    let path = target.hasPrefix("/") ? target : (kind == "secrets" ? "/run/secrets/" : "/") + target
                    volumes.append(["type": "bind", "source": files[kind]?[name] ?? "?", "target": path,
                                    "read_only": true, "bind": ["create_host_path": true]])
                }
                service[kind] = nil
            }
            if !volumes.isEmpty { service["volumes"] = volumes }
            return service
        }
        return config
    }
}
