import Basics
import YAML

/// Decodes `hosts/<name>.yaml` into a `HostSpec`; unknown keys are errors.
struct HostDecoder {
    let reader: NodeReader
    /// Absolute folder of the host file, for relative TLS paths.
    let directory: String
    var sink: DiagnosticSink { reader.sink }

    func decode(name: String, file: String, root: YAMLNode) -> HostSpec? {
        let before = sink.errorCount
        guard let pairs = reader.mapping(root, "a host file") else { return nil }
        var host = HostSpec(name: name, endpoint: "", source: .file(file))
        let known: Set<String> = ["endpoint", "tls", "insecure", "vlan", "labels", "windows", "timezone", "stacks", "data",
                                  "docker_config", "socket", "identity", "known_hosts"]
        var sshKeys: [String: YAMLNode] = [:]
        for (key, pair) in reader.knownPairs(pairs, known: known, context: "host `\(name)`") {
            let value = pair.value
            switch key {
            case "endpoint": host.endpoint = endpoint(value) ?? ""
            case "tls": host.tls = tls(value)
            case "insecure": host.insecure = reader.bool(value, "`insecure`") ?? false
            case "vlan": host.vlan = reader.string(value, "`vlan`")
            case "labels": host.labels = reader.stringMap(value, "`labels`")
            case "windows": host.windows = WindowDecoder(reader: reader).windows(value)
            case "stacks": host.stacks = stackNames(value)
            case "data": host.data = dataRoot(value, host: name)
            case "docker_config": host.dockerConfig = dockerConfig(value)
            case "socket", "identity", "known_hosts": sshKeys[key] = value
            default: host.timezone = WindowDecoder(reader: reader).timezone(value)
            }
        }
        if root.pair(forKey: "endpoint") == nil {
            sink.error(root.mark, "host `\(name)` has no `endpoint`; add e.g. `endpoint: unix:///var/run/docker.sock`")
        }
        if host.endpoint.hasPrefix("tcp://"), host.tls == nil, !host.insecure, let value = root.pair(forKey: "endpoint")?.value {
            // Every pass refuses it (`DockerEndpoint`): validate says so first, at the value.
            sink.error(value.mark, "`tcp://` without `tls:` is refused: the Docker API is root on that host. Add "
                           + "`tls: {ca, cert, key}`, or `insecure: true` if you accept that anyone on the network can take it over")
        }
        if host.tls != nil, !host.endpoint.hasPrefix("tcp://") {
            sink.error(root.pair(forKey: "tls")?.key.mark ?? root.mark, "`tls` only applies to `tcp://` endpoints")
        }
        host.ssh = ssh(sshKeys, endpoint: host.endpoint, root: root, name: name)
        return sink.errorCount == before ? host : nil
    }

    /// `stacks: [a, b]` (or one name): each must be a valid stack folder name; that it exists is checked later.
    private func stackNames(_ node: YAMLNode) -> [String] {
        let names = reader.stringList(node, "`stacks`", allowSingle: true)
        for (name, item) in zip(names, node.sequence ?? [node]) where !Names.isValidProject(name) {
            sink.error(item.mark, "`\(name)` is not a stack name; name a folder under `stacks/` (lowercase letters, digits, `_` and `-`)")
        }
        return names
    }

    /// `data:` must be an absolute path on that host: the engine resolves bind sources there, not here.
    private func dataRoot(_ node: YAMLNode, host: String) -> String? {
        guard let text = reader.string(node, "`data`") else { return nil }
        guard text.hasPrefix("/"), StackContext.normalize(text) != "/" else {
            sink.error(node.mark, "`data: \(text)` is not an absolute folder; write the folder on host `\(host)` that "
                           + "holds the stacks' data, e.g. `data: /srv/reconcile`")
            return nil
        }
        return StackContext.normalize(text)
    }

    /// `docker_config:` names this host's own Docker `config.json` (its registry logins), relative to the host file.
    private func dockerConfig(_ node: YAMLNode) -> String? {
        guard let path = reader.string(node, "`docker_config`") else { return nil }
        return StackContext.normalize(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    private func endpoint(_ node: YAMLNode) -> String? {
        guard let text = reader.string(node, "`endpoint`") else { return nil }
        if text.hasPrefix("unix:///") { return text }
        if text.hasPrefix("ssh://") {
            switch SSHAddress.parse(text) {
            case .success: return text
            case .failure(let error):
                sink.error(node.mark, "`\(text)` is not an ssh endpoint: \(error.reason)")
                return nil
            }
        }
        if text.hasPrefix("tcp://") {
            let rest = text.dropFirst(6)
            let port = rest.split(separator: ":").last.flatMap { Int($0) }
            if rest.contains(":"), let port, (1...65535).contains(port) { return text }
        }
        sink.error(node.mark, "`\(text)` is not an endpoint; use `unix:///path/to/docker.sock`, `tcp://host:port` or `ssh://user@host[:port]`")
        return nil
    }

    private func tls(_ node: YAMLNode) -> HostSpec.TLSFiles? {
        guard let pairs = reader.mapping(node, "`tls`") else { return nil }
        var paths: [String: String] = [:]
        for (key, pair) in reader.knownPairs(pairs, known: ["ca", "cert", "key"], context: "`tls`") {
            guard let path = reader.string(pair.value, "`tls.\(key)`") else { continue }
            paths[key] = StackContext.normalize(path.hasPrefix("/") ? path : directory + "/" + path)
        }
        guard let ca = paths["ca"], let cert = paths["cert"], let key = paths["key"] else {
            sink.error(node.mark, "`tls` needs `ca`, `cert` and `key`")
            return nil
        }
        return HostSpec.TLSFiles(ca: ca, cert: cert, key: key)
    }
}
