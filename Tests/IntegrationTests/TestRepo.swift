import Controller
import Docker
import Foundation
import HTTP
import Logging
import Planner
import Spec
import Synchronization
import Testing

/// A real git repository in a temp folder with hosts pointing at the lab, plus a Controller on it.
///
/// Stack names are unique per test so tests share the lab engines without stepping on each other.
/// Host `nas` runs on `engine` (the 20.10 lab host `nas`, or `modern`); `iot` on the lab's `iot`.
final class TestRepo: Sendable {
    let root: URL
    let state: URL
    let lab: Lab
    let suffix: String
    let engine: LabEngine
    /// `reconcile.instance` of this repo's controller and CLI: its own by default; a test of two repositories
    /// on one installation gives the second the first one's.
    let instance: String
    /// The transports the controller made, per host, so a test can count requests.
    let transports = Mutex<[String: [CountingTransport]]>([:])

    init(hosts: [String: String]? = nil, engine: LabEngine = .docker20, instance: String? = nil) throws {
        lab = try Lab.load()
        self.engine = engine
        suffix = String(UUID().uuidString.prefix(6).lowercased())
        self.instance = instance ?? "it-\(suffix)"
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-it-\(suffix)")
        state = root.appendingPathComponent(".state")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("hosts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("stacks"), withIntermediateDirectories: true)
        let defaults = ["nas": "unix://" + (try lab.value(engine.socketKey)), "iot": "unix://" + (try lab.value("IOT_SOCK"))]
        for (name, endpoint) in hosts ?? defaults {
            try write("hosts/\(name).yaml", "endpoint: \(endpoint)\nvlan: \(name == "iot" ? "iot" : "main")\n")
        }
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "test@example.invalid")
        try git("config", "user.name", "Test")
        try git("config", "commit.gpgsign", "false")
    }

    /// Every secret value the integration tests write into their repos: no test's state directory may hold one,
    /// checked as each test cleans up (issue 17).
    static let suiteSecrets = ["hunter2-secret-value", "env-file-secret-value", SecretsOnRecordTests.dotEnvSecret,
                               SecretsOnRecordTests.labelSecret, SecretsOnRecordTests.envFileSecret,
                               EncryptedEnvTests.dbSecret, EncryptedEnvTests.newDBSecret, EncryptedEnvTests.apiSecret, EncryptedEnvTests.fileSecret]

    /// `web` → `web-3f2a1c`: the stack folder name this test run uses.
    func stack(_ name: String) -> String { "\(name)-\(suffix)" }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Writes `stacks/<name>-<suffix>/compose.yaml`.
    func writeStack(_ name: String, _ compose: String) throws {
        try write("stacks/\(stack(name))/compose.yaml", compose)
    }

    @discardableResult
    func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func git(_ args: String...) throws -> String {
        // Short and local: git on a temp repo answers in milliseconds.
        try run("/usr/bin/env", ["git", "-C", root.path] + args).output
    }

    func controller(hostFilter: Set<String> = [], stackFilter: Set<String> = [],
                    environment: [String: String] = [:],
                    now: @escaping @Sendable () -> Date = { Date() },
                    wrap: (@Sendable (any HTTPTransport) -> any HTTPTransport)? = nil) throws -> Controller {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let settings = ControllerSettings(repository: root, stateDirectory: state, hostFilter: hostFilter,
                                          stackFilter: stackFilter, connectTimeout: .seconds(2), environment: env,
                                          instance: instance, now: now)
        var logger = Logger(label: "it")
        logger.logLevel = .warning
        return try Controller(settings: settings, logger: logger) { [self] host, endpoint, options in
            let curl = CurlTransport(endpoint: endpoint, options: options)
            let counting = CountingTransport(wrap?(curl) ?? curl)
            transports.withLock { $0[host.name, default: []].append(counting) }
            return counting
        }
    }

    /// Requests the controller sent to `host` since the last `resetCounts()`.
    func requests(_ host: String) -> [String] {
        transports.withLock { ($0[host] ?? []).flatMap(\.requests) }
    }

    func resetCounts() { transports.withLock { $0 = [:] } }

    func docker(_ host: String) throws -> DockerClient { try lab.client(labHost(host)) }

    /// The lab host behind one of this repo's hosts: `nas` is wherever `engine` runs.
    func labHost(_ host: String) -> String { host == "nas" ? engine.labHost : host }

    /// The network namespace of one of this repo's hosts, where its published ports listen.
    func netns(_ host: String) -> String { "/var/run/netns/lab-\(labHost(host))" }

    /// Managed containers of one of this test's stacks on a host, by name.
    func containers(_ stackName: String, on host: String) async throws -> [String: ContainerSummary] {
        let list = try await docker(host).listContainers(all: true, filters: .label(ManagedLabels.stack, stack(stackName)))
        return Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Removes every container, network and volume this test left on the lab hosts, and the temp folder.
    /// Synchronous (the docker CLI) so a `defer` really finishes it before the test ends.
    func cleanUp() {
        let leaked = StateDirectoryScan.files(containing: Self.suiteSecrets, under: state)
        if !leaked.isEmpty { Issue.record("secret values on record in \(state.path): \(leaked)") }
        var engines = [("NAS_SOCK", ""), ("IOT_SOCK", "")]
        if engine != .docker20 { engines.append((engine.socketKey, engine.cliEnvironment)) }
        for (key, cliEnvironment) in engines {
            guard let socket = try? lab.value(key) else { continue }
            let d = "\(cliEnvironment)docker -H unix://\(socket)"
            _ = try? run("/bin/bash", ["-c", """
                { \(d) ps -aq --filter label=\(ManagedLabels.instance)=it-\(suffix); \(d) ps -aq --filter name=\(suffix); } \
                  | sort -u | xargs -r \(d) rm -f >/dev/null
                \(d) network ls -q --filter name=\(suffix) | xargs -r \(d) network rm >/dev/null
                { \(d) volume ls -q --filter name=\(suffix); \(d) volume ls -q --filter label=\(ManagedLabels.instance)=it-\(suffix); } \
                  | sort -u | xargs -r \(d) volume rm -f >/dev/null
                """])
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs the built `reconcile` binary against this repo.
    func cli(_ args: [String], environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        try await runAsync(Self.binary.path, args + ["--repo", root.path, "--state-dir", state.path, "--instance", instance],
                environment: environment)
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["RECONCILE_BIN"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/reconcile")
    }
}

/// Runs a program to completion; stdout and stderr together. Blocks the calling thread: use `runAsync`
/// from async tests, so the 2-thread cooperative pool is never held by a waiting subprocess.
@discardableResult
func run(_ program: String, _ args: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// `run` on a thread of its own.
@discardableResult
func runAsync(_ program: String, _ args: [String], environment: [String: String] = [:]) async throws
    -> (status: Int32, output: String) {
    try await offPool { try run(program, args, environment: environment) }
}

/// Blocking set-up (subprocesses, waits for a server to answer) on a thread of its own, so the 2-thread
/// cooperative pool keeps running the other suites' tests, whose timing would otherwise include the wait.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
