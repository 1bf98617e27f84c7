@testable import Controller
import Spec
import Testing

/// Issue 24: what OpenSSH 9's client says on each failure becomes one line naming the host and what to fix.
struct SSHTunnelErrorTests {
    let tunnel = SSHTunnel(host: HostSpec(name: "vm", endpoint: "ssh://deploy@vm.iot.lan:2222", source: .file("hosts/vm.yaml")),
                           address: SSHAddress(user: "deploy", host: "vm.iot.lan", port: 2222),
                           settings: HostSpec.SSHSettings(knownHosts: "/repo/hosts/known_hosts"),
                           stateDirectory: "/state", connectTimeout: .seconds(3))

    @Test(arguments: [
        ("ssh: Could not resolve hostname vm.iot.lan: Name or service not known\n", SSHTunnelError.Kind.dns,
         "host vm (ssh://deploy@vm.iot.lan:2222): DNS: cannot resolve vm.iot.lan (Name or service not known)"),
        ("ssh: connect to host vm.iot.lan port 2222: Connection refused\n", .tcp,
         "TCP: cannot connect to vm.iot.lan port 2222 (Connection refused)"),
        ("ssh: connect to host vm.iot.lan port 2222: Connection timed out\n", .tcp, "(Connection timed out)"),
        ("deploy@vm.iot.lan: Permission denied (publickey).\n", .authentication,
         "authentication failed for user deploy (deploy@vm.iot.lan: Permission denied (publickey).)"),
        ("Warning: Identity file /keys/id not accessible: No such file or directory.\ndeploy@vm.iot.lan: Permission denied (publickey).\n",
         .authentication, "Identity file /keys/id not accessible"),
        ("""
         @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
         @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
         The fingerprint for the ED25519 key sent by the remote host is
         SHA256:1oT2OMPDwPprbekb1LLISL89tOdFsAQueEUN0tjconA.
         Host key verification failed.
         """, .hostKeyChanged, "host key CHANGED: the server offered SHA256:1oT2OMPDwPprbekb1LLISL89tOdFsAQueEUN0tjconA, not"),
        ("channel 2: open failed: connect failed: open failed\n", .remoteSocket,
         "the engine socket /var/run/docker.sock could not be opened there"),
    ])
    func classifies(said: String, kind: SSHTunnelError.Kind, message: String) async {
        let error = await SSHTunnelError.classify(said, status: 255, tunnel: tunnel)
        #expect(error.kind == kind)
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix("host vm (ssh://deploy@vm.iot.lan:2222): "))
    }

    @Test func controlAndForwardedSocketsLiveInTheStateDirectory() {
        #expect(tunnel.controlPath == "/state/ssh/vm.ctl")
        #expect(tunnel.localSocket == "/state/ssh/vm.sock")
        let options = tunnel.options.joined(separator: " ")
        for option in ["StrictHostKeyChecking=yes", "UserKnownHostsFile=/repo/hosts/known_hosts", "BatchMode=yes",
                       "IdentitiesOnly=yes", "ControlPath=/state/ssh/vm.ctl", "-p 2222"] {
            #expect(options.contains(option), "\(options)")
        }
    }
}
