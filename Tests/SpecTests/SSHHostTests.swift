import Foundation
import Spec
import Testing

/// Issue 24: `ssh://` endpoints in host files, their keys, and the pinned host key they require.
struct SSHHostTests {
    @Test(arguments: [
        ("ssh://deploy@nas.lan", SSHAddress(user: "deploy", host: "nas.lan")),
        ("ssh://deploy@10.0.0.5:2222", SSHAddress(user: "deploy", host: "10.0.0.5", port: 2222)),
        ("ssh://root@[fd00::5]:22", SSHAddress(user: "root", host: "fd00::5")),
        ("ssh://a.b@vm/", SSHAddress(user: "a.b", host: "vm")),
    ])
    func parsesAddresses(text: String, expected: SSHAddress) throws {
        #expect(try SSHAddress.parse(text).get() == expected)
    }

    @Test(arguments: ["ssh://nas.lan", "ssh://deploy@", "ssh://deploy@nas:0", "ssh://deploy@nas:x", "ssh://-oProxyCommand=x@nas",
                      "ssh://deploy@-oProxyCommand=x", "tcp://deploy@nas"])
    func refusesMalformedAddresses(text: String) {
        #expect(throws: SSHAddressError.self) { try SSHAddress.parse(text).get() }
    }

    @Test func knownHostsNameCarriesTheNonDefaultPort() {
        #expect(SSHAddress(user: "u", host: "nas").knownHostsName == "nas")
        #expect(SSHAddress(user: "u", host: "nas", port: 2222).knownHostsName == "[nas]:2222")
    }

    @Test func decodesSSHSettingsWithPathsRelativeToTheHostFolder() throws {
        let repo = try TestRepository(hosts: ["vm": """
            endpoint: ssh://deploy@vm.iot.lan:2222
            socket: /run/user/1000/docker.sock
            identity: keys/id_ed25519
            known_hosts: ssh/known_hosts
            """])
        defer { repo.remove() }
        try repo.write("ssh/known_hosts", "# pinned\n[vm.iot.lan]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey\n")
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: [vm]}\nservices:\n  s: {image: busybox}\n")
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let host = try #require(result.repository?.host(named: "vm"), "\(result.renderedDiagnostics)")
        let root = repo.root.standardizedFileURL.path
        #expect(host.ssh == HostSpec.SSHSettings(socket: "/run/user/1000/docker.sock", identity: root + "/keys/id_ed25519",
                                                 knownHosts: root + "/ssh/known_hosts"))
    }

    @Test func refusesAKnownHostsFileWithoutThisHost() throws {
        let repo = try TestRepository(hosts: ["vm": "endpoint: ssh://deploy@vm.iot.lan\nknown_hosts: ssh/known_hosts\n"])
        defer { repo.remove() }
        try repo.write("ssh/known_hosts", "[vm.iot.lan]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey\n")
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: [vm]}\nservices:\n  s: {image: busybox}\n")
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(result.repository == nil)
        #expect(result.diagnostics.count == 1, "\(result.renderedDiagnostics)")
        #expect(result.renderedDiagnostics.contains("hosts/vm.yaml:2:14: error: known_hosts file"), "\(result.renderedDiagnostics)")
        #expect(result.renderedDiagnostics.contains("has no key for `vm.iot.lan`"), "\(result.renderedDiagnostics)")
    }
}
