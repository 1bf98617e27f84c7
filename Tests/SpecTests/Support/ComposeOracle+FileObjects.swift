import Foundation

extension ComposeOracle {
    /// What `docker compose create` does with `config`'s secrets and configs for a plain container (seen on a lab
    /// engine): a read-only bind of the file at `/run/secrets/<target>` (secrets) or `/<target>` (configs), an
    /// absolute target as written, after the service's own volumes.
    /// `environment`/`content` sources are no mounts: Compose copies them in before start (mode 0444 unless
    /// set), projected as `x-injected`.
    static func fileObjectsAsMounts(_ config: [String: Any], environment: [String: String]) -> [String: Any] {
        var config = config
        var files: [String: [String: String]] = [:], values: [String: [String: String]] = [:]
        for kind in ["secrets", "configs"] {
            let declared = (config[kind] as? [String: Any] ?? [:]).compactMapValues { $0 as? [String: Any] }
            files[kind] = declared.compactMapValues { $0["file"] as? String }
            values[kind] = declared.compactMapValues { ($0["content"] as? String) ?? ($0["environment"] as? String).flatMap { environment[$0] } }
            config[kind] = nil
        }
        config["services"] = (config["services"] as? [String: Any])?.mapValues { service -> Any in
            guard var service = service as? [String: Any] else { return service }
            var volumes = service["volumes"] as? [[String: Any]] ?? []
            var injected: [[String: Any]] = []
            for kind in ["secrets", "configs"] {
                for item in service[kind] as? [[String: Any]] ?? [] {
                    guard let name = item["source"] as? String else { continue }
                    let target = item["target"] as? String ?? name
                    let path = target.hasPrefix("/") ? target : (kind == "secrets" ? "/run/secrets/" : "/") + target
                    if let value = values[kind]?[name] {
                        let mode = (item["mode"] as? String).flatMap { Int($0, radix: 8) } ?? 0o444
                        injected.append(["name": "\(kind.dropLast()):\(name)", "target": path, "mode": mode, "content": value])
                        continue
                    }
                    volumes.append(["type": "bind", "source": files[kind]?[name] ?? "?", "target": path,
                                    "read_only": true, "bind": ["create_host_path": true]])
                }
                service[kind] = nil
            }
            if !volumes.isEmpty { service["volumes"] = volumes }
            if !injected.isEmpty { service["x-injected"] = injected }
            return service
        }
        return config
    }
}
