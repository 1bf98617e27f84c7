import Basics
import FoundationEssentials
import Glibc
import Spec

/// One host's OpenSSH control master, which forwards a local unix socket in the state directory to the engine's
/// socket on that host, so the ordinary unix-socket transport reaches the remote engine.
///
/// The master runs in the background (`ControlPersist`) so later passes reuse its connection; `stop` ends it.
struct SSHTunnel: Sendable {
    let host: String
    let address: SSHAddress
    let settings: HostSpec.SSHSettings
    /// `<state>/ssh`, mode 0700: the sockets there are as good as root on the remote host.
    let folder: String
    let connectTimeout: Duration

    init(host: HostSpec, address: SSHAddress, settings: HostSpec.SSHSettings, stateDirectory: String,
         connectTimeout: Duration) {
        self.host = host.name
        self.address = address
        self.settings = settings
        self.folder = stateDirectory + "/ssh"
        self.connectTimeout = connectTimeout
    }

    var controlPath: String { folder + "/\(host).ctl" }
    var localSocket: String { folder + "/\(host).sock" }
    /// What ssh says (`-E`): read to tell a refused host key from a failed login or a remote socket it cannot open.
    var logPath: String { folder + "/\(host).log" }

    /// The options every call shares; the master and the `-O` commands must agree on the control path.
    var options: [String] {
        var options = ["-o", "ControlPath=\(controlPath)", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                       "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=\(settings.knownHosts)",
                       "-o", "GlobalKnownHostsFile=/dev/null", "-o", "UpdateHostKeys=no",
                       "-o", "ConnectTimeout=\(max(1, connectTimeout.components.seconds))",
                       "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3", "-p", "\(address.port)"]
        if let identity = settings.identity { options += ["-i", identity] }
        return options
    }

    var destination: String { "\(address.user)@\(address.host)" }

    /// Starts the master and waits until it has logged in and bound the local socket (`-f` with
    /// `ExitOnForwardFailure`): after this returns, a request on `localSocket` reaches the remote engine.
    func start() async throws(SSHTunnelError) {
        try prepareFolder()
        unlink(logPath)
        let arguments = ["ssh", "-f", "-N", "-E", logPath, "-o", "ControlMaster=yes", "-o", "ControlPersist=yes",
                         "-o", "ExitOnForwardFailure=yes", "-o", "StreamLocalBindUnlink=yes",
                         "-L", "\(localSocket):\(settings.socket)"] + options + ["--", destination]
        let result: ChildProcess.Result
        do {
            result = try await ChildProcess(executable: "/usr/bin/env", arguments: arguments)
                .runOffPool(timeout: connectTimeout + .seconds(10))
        } catch {
            throw SSHTunnelError(host: host, address: address, kind: .other, detail: "\(error)")
        }
        guard result.status != 0 else { return }
        let said = (FileManager.default.contents(atPath: logPath).map { String(decoding: $0, as: UTF8.self) } ?? "")
            + String(decoding: result.standardError, as: UTF8.self)
        throw await SSHTunnelError.classify(said, status: result.status, tunnel: self)
    }

    /// True when a master answers on the control socket (this process's or another's with the same state directory).
    func isRunning() async -> Bool {
        guard FileManager.default.fileExists(atPath: controlPath) else { return false }
        let check = ChildProcess(executable: "/usr/bin/env", arguments: ["ssh", "-O", "check"] + options + ["--", destination])
        return (try? await check.runOffPool(timeout: .seconds(5)).status) == 0
    }

    /// Asks the master to exit (it closes the connection and removes its sockets); false when none answered.
    @discardableResult
    func stop() async -> Bool {
        guard FileManager.default.fileExists(atPath: controlPath) else { return false }
        let exit = ChildProcess(executable: "/usr/bin/env", arguments: ["ssh", "-O", "exit"] + options + ["--", destination])
        let stopped = (try? await exit.runOffPool(timeout: .seconds(5)).status) == 0
        // `-O exit` returns once the request is sent; the master removes its control socket as it goes.
        for _ in 0..<300 where stopped && FileManager.default.fileExists(atPath: controlPath) {
            try? await Task.sleep(for: .milliseconds(10))
        }
        // ssh leaves the forwarded socket behind (and a master killed with SIGKILL both): nothing answers there now.
        unlink(localSocket)
        if !stopped { unlink(controlPath) }
        return stopped
    }

    /// The last thing ssh logged, to explain a request the master could not forward.
    func lastLoggedLine() -> String? {
        guard let data = FileManager.default.contents(atPath: logPath) else { return nil }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).last.map(String.init)
    }

    private func prepareFolder() throws(SSHTunnelError) {
        guard localSocket.utf8.count < 108, controlPath.utf8.count < 108 else {
            throw SSHTunnelError(host: host, address: address, kind: .other,
                                 detail: "the socket path \(localSocket) is longer than unix sockets allow (107 bytes); "
                                     + "use a shorter --state-dir or host name")
        }
        if mkdir(folder, 0o700) != 0, errno != EEXIST {
            throw SSHTunnelError(host: host, address: address, kind: .other,
                                 detail: "cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        // An older folder may be wider: forwarded sockets there are root on the remote host.
        chmod(folder, 0o700)
    }
}
