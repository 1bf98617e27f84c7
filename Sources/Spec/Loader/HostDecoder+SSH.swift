import Basics
import FoundationEssentials
import YAML

extension HostDecoder {
    /// `socket:`, `identity:` and `known_hosts:` of an `ssh://` endpoint. A pinned host key is required: without
    /// one, the first connection would have to trust whatever key answers, and the Docker API is root on that host.
    func ssh(_ keys: [String: YAMLNode], endpoint: String, root: YAMLNode, name: String) -> HostSpec.SSHSettings? {
        guard case .success(let address) = SSHAddress.parse(endpoint) else {
            for (key, node) in keys.sorted(by: { $0.key < $1.key }) where !endpoint.isEmpty {
                sink.error(node.mark, "`\(key)` only applies to `ssh://` endpoints; remove it, or use endpoint: ssh://user@host")
            }
            return nil
        }
        var settings = HostSpec.SSHSettings(knownHosts: "")
        if let node = keys["socket"], let socket = reader.string(node, "`socket`") {
            guard socket.hasPrefix("/") else {
                sink.error(node.mark, "`socket: \(socket)` must be the absolute path of the engine's socket on host `\(name)`, "
                               + "e.g. /var/run/docker.sock")
                return nil
            }
            settings.socket = socket
        }
        if let node = keys["identity"], let path = reader.string(node, "`identity`") {
            settings.identity = absolute(path)
        }
        guard let node = keys["known_hosts"] else {
            sink.error(root.pair(forKey: "endpoint")?.value.mark ?? root.mark,
                       "host `\(name)` uses ssh but pins no host key; add `known_hosts: ssh/known_hosts` (a file in the "
                           + "repository) holding the output of `ssh-keyscan -p \(address.port) \(address.host)`, "
                           + "checked against the host's own `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`")
            return nil
        }
        guard let path = reader.string(node, "`known_hosts`") else { return nil }
        settings.knownHosts = absolute(path)
        checkPinned(settings.knownHosts, address: address, mark: node.mark)
        return settings
    }

    /// Paths relative to the repository root (`hosts/` holds only host files); an absolute path may point into the
    /// state directory or a mounted secret.
    private func absolute(_ path: String) -> String {
        StackContext.normalize(path.hasPrefix("/") ? path : directory + "/../" + path)
    }

    /// The file must exist and hold a key for this host (hashed entries cannot be read, so they count).
    private func checkPinned(_ path: String, address: SSHAddress, mark: SourceLocation) {
        guard let data = FileManager.default.contents(atPath: path) else {
            sink.error(mark, "known_hosts file \(path) cannot be read; create it with "
                           + "`ssh-keyscan -p \(address.port) \(address.host) > \(path)` and check the fingerprint")
            return
        }
        let wanted = address.knownHostsName
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first, !first.hasPrefix("#"), !first.hasPrefix("@") else { continue }
            if first.hasPrefix("|1|") || first.split(separator: ",").contains(where: { $0 == wanted }) { return }
        }
        sink.error(mark, "known_hosts file \(path) has no key for `\(wanted)`; add it with "
                       + "`ssh-keyscan -p \(address.port) \(address.host) >> \(path)` and check the fingerprint")
    }
}
