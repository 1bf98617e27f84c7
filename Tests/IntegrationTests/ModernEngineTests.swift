import Controller
import Docker
import Foundation
import HTTP
import Logging
import Testing

/// Issue 25 on the lab's `modern` engine: Docker 26.1 (API 1.45) started with a floor of 1.44, which refuses
/// API 1.41 exactly as Docker 29 does. `nas` runs there; `iot` stays on 20.10.
@Suite("A modern engine that refuses API 1.41", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct ModernEngineTests {
    /// One service on two networks, a named volume, a published port and a health check with (when asked)
    /// a start interval: the request parts that differ between API 1.41 and 1.44+.
    static func stack(port: Int, startInterval: Bool = true) -> String {
        """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          web:
            image: lab/app:1
            environment: {LEVEL: info}
            ports: ["127.0.0.1:\(port):8080"]
            restart: unless-stopped
            networks:
              front: {}
              back: {aliases: [api]}
            volumes: ["data:/data"]
            healthcheck:
              test: ["CMD", "/bin/healthcheck"]
              interval: 5s
              timeout: 2s
              retries: 2
              start_period: 10s
        \(startInterval ? "      start_interval: 1s" : "")
        networks: {front: {}, back: {}}
        volumes: {data: {}}
        """
    }

    @Test func engineRefusesAPI141YetAPassSucceedsAndStatusSaysWhichAPI() async throws {
        let lab = try Lab.load()
        let pinned = DockerClient(host: "modern", transport: CurlTransport(endpoint: try lab.endpoint("modern")),
                                  logger: Logger(label: "test"), apiVersion: DockerClient.minimumAPIVersion,
                                  versions: NegotiatedVersions())
        let refused = await #expect(throws: DockerError.self) { try await pinned.listContainers() }
        #expect(refused?.isVersionRefused == true, "\(String(describing: refused))")
        #expect(refused?.description.contains("client version 1.41 is too old") == true)

        let repo = try TestRepo(engine: .docker26)
        defer { repo.cleanUp() }
        try repo.writeStack("api", Self.stack(port: HealthSupport.port()))
        try repo.commit("two networks on a modern engine")
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        // Issue 21: each engine's release comes from the pass's own ping, for the status page.
        let releases = Dictionary(uniqueKeysWithValues: report.hosts.map { ($0.host, $0.engineVersion ?? "none") })
        #expect(releases["nas"]?.hasPrefix("26.1") == true, "\(releases)")
        #expect(releases["iot"]?.hasPrefix("20.10") == true, "\(releases)")

        let requests = repo.requests("nas")
        #expect(requests.filter { $0 == "GET /_ping" }.count <= 1, "one ping per process: \(requests)")
        #expect(requests.filter { $0 != "GET /_ping" }.allSatisfy { $0.contains(" /v1.45/") }, "\(requests)")
        #expect(!requests.contains { $0.contains("/connect") }, "every network joined at create: \(requests)")
        let web = try await repo.docker("nas").inspectContainer("\(repo.stack("api"))-web-1")
        #expect(web.state.running)
        #expect(web.networkSettings?.networks?.keys.sorted() == ["\(repo.stack("api"))_back", "\(repo.stack("api"))_front"])
        #expect(web.config.healthcheck?.startInterval == 1_000_000_000)

        let status = try await repo.cli(["status"])
        #expect(status.status == 0, "\(status.output)")
        let lines = status.output.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("nas (") && $0.contains(", Docker 26.1") && $0.hasSuffix(", API 1.45") },
                "\(status.output)")
        #expect(lines.contains { $0.hasPrefix("iot (") && $0.contains(", Docker 20.10") && $0.hasSuffix(", API 1.41") },
                "\(status.output)")
    }

    /// A `--once` process agrees the version with one `/_ping` per host, then makes the no-op pass's two reads.
    @Test func onceAddsOnePingPerHostAndNothingElse() async throws {
        let repo = try TestRepo(engine: .docker26)
        defer { repo.cleanUp() }
        for host in ["nas", "iot"] {
            try repo.writeStack("quiet-\(host)", """
            x-reconcile: {hosts: [\(host)], health: {min_ready: 1s}}
            services:
              idle: {image: lab/busybox:1, command: sleep 3600}
            """)
        }
        try repo.commit("quiet")
        let first = try await repo.cli(["--once"])
        #expect(first.status == 0, "\(first.output)")
        let trace = repo.root.appendingPathComponent("requests.trace")
        let second = try await repo.cli(["--once"], environment: ["RECONCILE_TRACE_REQUESTS": trace.path])
        #expect(second.status == 0, "\(second.output)")
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        for (key, api) in [("MODERN_SOCK", "1.45"), ("IOT_SOCK", "1.41")] {
            let endpoint = "unix://" + (try repo.lab.value(key))
            let requests = lines.filter { $0.hasPrefix(endpoint + " ") }.map { String($0.dropFirst(endpoint.count + 1)) }
            #expect(requests.first == "GET /_ping" && requests.filter { $0 == "GET /_ping" }.count == 1, "\(requests)")
            #expect(requests.count == 3 && requests.dropFirst().allSatisfy { $0.hasPrefix("GET /v\(api)/") }, "\(requests)")
        }
    }

    /// `docker compose create` on the same engine is the oracle: the fields reconcile sets must come out equal,
    /// on the modern engine and, for contrast, on 20.10.
    @Test(arguments: LabEngine.allCases)
    func containerEqualsWhatComposeCreatesOnTheSameEngine(engine: LabEngine) async throws {
        let repo = try TestRepo(engine: engine)
        defer { repo.cleanUp() }
        let port = HealthSupport.port()
        // Docker 20.10 has no start interval; Compose refuses it there (the next test).
        try repo.writeStack("oracle", Self.stack(port: port, startInterval: engine == .docker26))
        try repo.commit("oracle")
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")

        let project = "compose-\(repo.suffix)", folder = repo.root.appendingPathComponent("stacks/\(repo.stack("oracle"))")
        let socket = try repo.lab.value(engine.socketKey)
        let compose = try await runAsync(ComposeBinary.path,
                                         ["-p", project, "-f", folder.appendingPathComponent("compose.yaml").path, "create"],
                                         environment: ["DOCKER_HOST": "unix://\(socket)"])
        #expect(compose.status == 0, "\(compose.output)")
        let docker = try repo.docker("nas")
        let ours = try await docker.inspectContainer("\(repo.stack("oracle"))-web-1")
        let theirs = try await docker.inspectContainer("\(project)-web-1")
        let mine = ContainerProjection(ours, project: repo.stack("oracle")).fields
        let oracle = ContainerProjection(theirs, project: project).fields
        let differing = Set(mine.keys).union(oracle.keys).sorted().filter { mine[$0] != oracle[$0] }
        #expect(differing.isEmpty, "\(differing.map { "\($0): reconcile \(mine[$0] ?? "-") | compose \(oracle[$0] ?? "-")" }.joined(separator: "\n"))")
        // Compose gives every container its own name as an alias on each network; so does reconcile (issue 15).
        let ourAliases = ours.networkSettings?.networks?.values.flatMap { $0.aliases ?? [] } ?? []
        #expect(ourAliases.contains("\(repo.stack("oracle"))-web-1"))
        withKnownIssue("Compose sends a plain named volume as a Binds string, reconcile as a Mount: the same mount, another form (the compose-coverage issue)") {
            #expect(ours.hostConfig?.binds?.count == theirs.hostConfig?.binds?.count)
        }
    }
}

extension ModernEngineTests {
    /// Where the engine lacks an option, reconcile refuses the stack on that host as Compose does, touching
    /// nothing in it, and applies the host's other stacks.
    @Test func startIntervalIsRefusedOnDocker20AsComposeRefusesIt() async throws {
        let repo = try TestRepo(engine: .docker20)
        defer { repo.cleanUp() }
        try repo.writeStack("tuned", Self.stack(port: HealthSupport.port()))
        try repo.writeStack("plain", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          idle: {image: lab/busybox:1, command: sleep 3600}
        """)
        try repo.commit("start_interval on 20.10")
        let plan = try await repo.cli(["plan"])
        #expect(plan.output.contains("healthcheck start_interval needs Docker 25 or later"), "\(plan.output)")
        let report = try await repo.controller().apply(ApplyRequest())
        let stacks = report.hosts.flatMap(\.stacks)
        let tuned = try #require(stacks.first { $0.stack == repo.stack("tuned") })
        #expect(tuned.outcome == .failed)
        #expect(tuned.error?.contains("stacks/\(repo.stack("tuned"))/compose.yaml:") == true, "\(tuned.error ?? "")")
        #expect(tuned.error?.contains("healthcheck start_interval needs Docker 25 or later (API 1.44); nas speaks API 1.41") == true,
                "\(tuned.error ?? "")")
        #expect(try await repo.containers("tuned", on: "nas").isEmpty)
        #expect(stacks.first { $0.stack == repo.stack("plain") }?.outcome == .applied, "\(report.renderText())")

        let file = repo.root.appendingPathComponent("stacks/\(repo.stack("tuned"))/compose.yaml").path
        let compose = try await runAsync(ComposeBinary.path, ["-p", "compose-\(repo.suffix)", "-f", file, "create"],
                                         environment: ["DOCKER_HOST": "unix://" + (try repo.lab.value("NAS_SOCK"))])
        #expect(compose.status != 0 && compose.output.contains("start_interval"), "\(compose.output)")
    }
}

/// Where the Compose oracle lives (`scripts/fetch-compose`).
enum ComposeBinary {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".tools/docker-compose").path
    }
}

/// The parts of an inspected container that reconcile sets, as text, with the project name made generic so
/// two projects of the same file compare equal. Left out: labels of either tool, the short-ID alias the
/// engine adds, and the container-name alias Compose adds (checked apart, as a known difference).
struct ContainerProjection {
    var fields: [String: String] = [:]

    init(_ c: ContainerInspect, project: String) {
        func put(_ key: String, _ value: Any?) {
            fields[key] = value.map { "\($0)".replacingOccurrences(of: project, with: "<project>") } ?? "nil"
        }
        put("image", c.config.image)
        put("cmd", c.config.cmd)
        put("entrypoint", c.config.entrypoint)
        put("env", c.config.env?.sorted())
        put("exposedPorts", c.config.exposedPorts?.keys.sorted())
        put("healthcheck", c.config.healthcheck)
        put("user", c.config.user)
        put("workingDir", c.config.workingDir)
        put("stopSignal", c.config.stopSignal)
        put("labels", c.config.labels?.filter { !$0.key.hasPrefix("com.docker.compose.") && !$0.key.hasPrefix("reconcile.") }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        // What is mounted where and how, whichever of the two API forms carries it (see the known issue below).
        let binds = (c.hostConfig?.binds ?? []).map { bind -> String in
            let parts = bind.split(separator: ":").map(String.init)
            return "\(parts[0]):\(parts[1]):\(parts.count > 2 && parts[2].contains("ro") ? "ro" : "rw")"
        }
        put("mounted", (binds + (c.hostConfig?.mounts ?? []).map { "\($0.source ?? ""):\($0.target):\($0.readOnly == true ? "ro" : "rw")" }).sorted())
        put("portBindings", c.hostConfig?.portBindings?.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        put("restartPolicy", c.hostConfig?.restartPolicy)
        put("networkMode", c.hostConfig?.networkMode)
        let shortID = String(c.id.prefix(12)), name = String(c.name.drop { $0 == "/" })
        for (network, attached) in c.networkSettings?.networks ?? [:] {
            put("network \(network.replacingOccurrences(of: project, with: "<project>")) aliases",
                (attached.aliases ?? []).filter { $0 != shortID && $0 != name }.sorted())
        }
    }
}
