import Basics
import FoundationEssentials
import Spec

extension SSHTunnel {
    /// The pinned key of this host, as `ED25519 SHA256:…` (what `ssh-keygen -l` prints); nil when it cannot be read.
    /// A connected master proves the server holds this key: StrictHostKeyChecking accepts no other.
    func pinnedFingerprint() async -> String? {
        let list = ChildProcess(executable: "/usr/bin/env", arguments: ["ssh-keygen", "-l", "-F", address.knownHostsName,
                                                                        "-f", settings.knownHosts])
        guard let result = try? await list.runOffPool(timeout: .seconds(5)), result.status == 0 else { return nil }
        // "[h]:2222 ED25519 SHA256:abc" after a "# Host … found" comment line.
        let entries = String(decoding: result.standardOutput, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard !line.hasPrefix("#"), fields.count >= 3 else { return nil }
            return "\(fields[1]) \(fields[2])"
        }
        return entries.isEmpty ? nil : entries.joined(separator: ", ")
    }
}
