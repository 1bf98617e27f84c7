import Foundation

/// A registry of the test's own with htpasswd authentication on a free loopback port, reachable from the
/// `nas` engine's network namespace through a socat forwarder like the lab's. The shared lab registry
/// (127.0.0.1:5000, no auth) is left alone.
final class PrivateRegistry: @unchecked Sendable {
    static let user = "lab-user"
    /// bcrypt of `password`; a test-only login.
    static let password = "lab-private-pass"
    static let htpasswdLine = "lab-user:$2b$12$d/XFo34drVfTs3wC3Uej1ekFtjVZJ/vT6Oc3sY2AA/2dAh8BjboEO\n"

    let port: Int
    let directory: URL
    private var processes: [Process] = []

    var address: String { "127.0.0.1:\(port)" }

    init(directory: URL) throws {
        self.directory = directory
        port = Int.random(in: 40_000...49_999)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Self.htpasswdLine.write(to: directory.appendingPathComponent("htpasswd"), atomically: true, encoding: .utf8)
        try """
        version: 0.1
        log: {level: warn}
        storage:
          filesystem: {rootdirectory: \(directory.path)/data}
        http: {addr: "127.0.0.1:\(port)", secret: reconcile-test-only}
        auth:
          htpasswd: {realm: reconcile-test, path: \(directory.path)/htpasswd}
        """.write(to: directory.appendingPathComponent("config.yml"), atomically: true, encoding: .utf8)
        try start("/usr/bin/docker-registry", ["serve", directory.appendingPathComponent("config.yml").path])
        try start("/usr/bin/nsenter", ["--net=/var/run/netns/lab-nas", "socat",
                                      "TCP-LISTEN:\(port),bind=127.0.0.1,fork,reuseaddr",
                                      "EXEC:nsenter --net=/var/run/netns/lab-root socat STDIO TCP\\:127.0.0.1\\:\(port)"])
        try waitUntilServing()
    }

    private func start(_ program: String, _ args: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        processes.append(process)
    }

    /// The registry answers 401 on `/v2/` once it serves; asked from inside nas's namespace, through the forwarder.
    private func waitUntilServing() throws {
        for _ in 0..<300 {
            let probe = try run("/usr/bin/nsenter", ["--net=/var/run/netns/lab-nas", "curl", "-s", "-o", "/dev/null",
                                                     "-w", "%{http_code}", "http://\(address)/v2/"])
            if probe.output == "401" { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw LabError("the private registry on \(address) did not come up")
    }

    /// A Docker config directory whose `config.json` logs in to this registry with `password`.
    func dockerConfig(at directory: URL, password: String = PrivateRegistry.password) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let auth = Data("\(Self.user):\(password)".utf8).base64EncodedString()
        try #"{"auths": {"\#(address)": {"auth": "\#(auth)"}}}"#
            .write(to: directory.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        return directory
    }

    /// Pushes `source` (an image on nas) as `name` with the docker CLI, logged in through `config`.
    func push(_ source: String, as name: String, socket: String, config: URL) throws {
        let docker = ["/usr/bin/docker", "--config", config.path, "-H", "unix://\(socket)"]
        for args in [["tag", source, name], ["push", name], ["rmi", name]] {
            let result = try run(docker[0], Array(docker.dropFirst()) + args)
            guard result.status == 0 else { throw LabError("docker \(args.joined(separator: " ")): \(result.output)") }
        }
    }

    /// Ends the processes this registry started (by their own handles) and deletes its files.
    func stop() {
        for process in processes where process.isRunning {
            // SIGKILL: socat under the test runner does not end on SIGTERM, and a wait for it would hang the test.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        processes = []
        try? FileManager.default.removeItem(at: directory)
    }
}
