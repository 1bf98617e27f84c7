import Controller
import Docker
import Foundation
import Testing

/// Issue 14 on the lab: relative binds that are not in the repository are host data under the host's `data:`
/// root, created by the engine, never shipped, and kept through recreate, image change, rollback and removal.
@Suite("Host data on the lab", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct HostDataTests {
    /// A per-test data root (the lab engines share this machine's file system) and a repo placing stacks on nas.
    func repo(stacks: [String], dataRoot: URL) throws -> TestRepo {
        let repo = try TestRepo()
        try writeHost(repo, stacks: stacks.map(repo.stack), dataRoot: dataRoot)
        return repo
    }

    func writeHost(_ repo: TestRepo, stacks: [String], dataRoot: URL) throws {
        try repo.write("hosts/nas.yaml", """
            endpoint: unix://\(try repo.lab.value("NAS_SOCK"))
            vlan: main
            data: \(dataRoot.path)
            stacks: [\(stacks.joined(separator: ", "))]
            """)
        try? FileManager.default.removeItem(at: repo.root.appendingPathComponent("hosts/iot.yaml"))
    }

    /// `app` appends `$RUN` to /data/runs at every start, and reads repo content from /conf.
    func writeKeeper(_ repo: TestRepo, image: String, run: String) throws {
        try repo.writeStack("keep", """
            x-reconcile: {health: {min_ready: 1s}}
            services:
              app:
                image: \(image)
                command: ["sh", "-c", "echo $$RUN >> /data/runs && cat /conf/greeting >> /data/runs && sleep 3600"]
                environment: {RUN: \(run)}
                healthcheck: {disable: true}
                volumes: [./data:/data, ./conf:/conf]
            """)
        try repo.write("stacks/\(repo.stack("keep"))/conf/greeting", "hello\n")
    }

    static func dataRoot() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-it-data-\(UUID().uuidString.prefix(8))")
    }

    /// Lines the service wrote into its host-data folder, read on the host.
    static func runs(_ root: URL, _ project: String) -> [String] {
        let file = root.appendingPathComponent("\(project)/data/runs")
        return ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Waits until the app's start has written its line (it writes right after start, the gate takes a second).
    static func waitForRuns(_ root: URL, _ project: String, count: Int) async throws -> [String] {
        for _ in 0..<50 where runs(root, project).count < count { try await Task.sleep(for: .milliseconds(100)) }
        return runs(root, project)
    }

    @Test func dataSurvivesRecreateImageChangeRollbackAndRemoval() async throws {
        let dataRoot = Self.dataRoot()
        let repo = try repo(stacks: ["keep"], dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let project = repo.stack("keep"), name = "\(project)-app-1"
        let folder = dataRoot.appendingPathComponent("\(project)/data").path
        try writeKeeper(repo, image: "lab/busybox:1", run: "one")
        try repo.commit("keep, placed by hosts/nas.yaml")

        let plan = try await repo.cli(["plan"])
        #expect(plan.output.contains("host data: \(folder) (app:/data)"), "\(plan.output)")
        #expect(!FileManager.default.fileExists(atPath: folder), "plan creates nothing")

        #expect(try await repo.cli(["apply"]).status == 0)
        #expect(try await Self.waitForRuns(dataRoot, project, count: 2) == ["one", "hello"])
        let inspected = try await repo.docker("nas").inspectContainer(name)
        #expect(inspected.hostConfig?.binds == ["\(folder):/data"], "host data is a bind of its folder on the host")
        let shipped = inspected.hostConfig?.mounts ?? []
        #expect(shipped.count == 1 && shipped.first?.target == "/conf" && shipped.first?.type == .volume,
                "repo content is still shipped: \(shipped)")

        // Recreate (a new commit changing the environment): the folder and what the app wrote stay.
        try writeKeeper(repo, image: "lab/busybox:1", run: "two")
        try repo.commit("run two")
        #expect(try await repo.cli(["apply"]).status == 0)
        #expect(try await Self.waitForRuns(dataRoot, project, count: 4) == ["one", "hello", "two", "hello"])

        // Image change.
        try writeKeeper(repo, image: "lab/app:2", run: "two")
        try repo.commit("image app:2")
        #expect(try await repo.cli(["apply"]).status == 0)
        #expect(try await Self.waitForRuns(dataRoot, project, count: 6) == ["one", "hello", "two", "hello", "two", "hello"])
        #expect(try await repo.docker("nas").inspectContainer(name).config.image == "lab/app:2")

        // Rollback to the busybox revision: same folder, nothing lost.
        let rollback = try await repo.cli(["rollback", project])
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(try await Self.waitForRuns(dataRoot, project, count: 8).count == 8)
        #expect(try await repo.docker("nas").inspectContainer(name).hostConfig?.binds == ["\(folder):/data"])

        // The stack leaves the repo: its container goes, its data stays.
        try repo.remove("stacks/\(project)")
        try writeHost(repo, stacks: [], dataRoot: dataRoot)
        try repo.commit("remove keep")
        // It is the host's only stack, so the mass-removal guard wants the flag.
        let removal = try await repo.cli(["apply", "--allow-mass-removal"])
        #expect(removal.status == 0, "\(removal.output)")
        #expect(try await repo.containers("keep", on: "nas").isEmpty)
        #expect(Self.runs(dataRoot, project).count == 8, "a removed stack keeps its host data")

        // Back again on a new commit: the new container finds everything.
        try writeHost(repo, stacks: [project], dataRoot: dataRoot)
        try writeKeeper(repo, image: "lab/busybox:1", run: "back")
        try repo.commit("keep is back")
        #expect(try await repo.cli(["apply"]).status == 0)
        let all = try await Self.waitForRuns(dataRoot, project, count: 10)
        #expect(all.count == 10 && all[8] == "back", "\(all)")
    }

    @Test func seededDataIsFilledOnceFromTheRepositoryAndNeverOverwritten() async throws {
        let dataRoot = Self.dataRoot()
        let repo = try repo(stacks: ["seed"], dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let project = repo.stack("seed")
        func write(setting: String, level: String = "info") throws {
            try repo.writeStack("seed", """
                x-reconcile: {health: {min_ready: 1s}, data: [./config]}
                services:
                  app:
                    image: lab/busybox:1
                    environment: {LEVEL: \(level)}
                    command: ["sh", "-c", "echo written-by-app > /config/state && sleep 3600"]
                    healthcheck: {disable: true}
                    volumes: [./config:/config]
                """)
            try repo.write("stacks/\(project)/config/settings.ini", setting)
        }
        try write(setting: "v=1\n")
        try repo.commit("seed v1")
        #expect(try await repo.cli(["apply"]).status == 0)
        let folder = dataRoot.appendingPathComponent("\(project)/config")
        #expect(try String(contentsOf: folder.appendingPathComponent("settings.ini"), encoding: .utf8) == "v=1\n")
        for _ in 0..<50 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("state").path) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("state").path), "the app owns and writes it")

        // A new seed in the repository is not content of the container (nothing is recreated) and never
        // overwrites the app's folder, not even when the service is recreated for another reason.
        try write(setting: "v=2\n")
        try repo.commit("seed v2")
        let unchanged = try await repo.controller().apply(ApplyRequest())
        #expect(unchanged.succeeded && !unchanged.hasChanges, "\(unchanged.renderText())")
        try write(setting: "v=2\n", level: "debug")
        try repo.commit("seed v2, level debug")
        repo.resetCounts()
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded && report.hasChanges, "\(report.renderText())")
        #expect(repo.requests("nas").contains { $0.hasPrefix("HEAD ") && $0.contains("/archive") }, "the seeder looked")
        #expect(!repo.requests("nas").contains { $0.hasPrefix("PUT ") && $0.contains("/archive") }, "and wrote nothing")
        #expect(try String(contentsOf: folder.appendingPathComponent("settings.ini"), encoding: .utf8) == "v=1\n")
        #expect(try await repo.docker("nas").listContainers(all: true, filters: .label("reconcile.data.seed")).filter {
            $0.name.hasPrefix(project)
        }.isEmpty, "no seed helper is left behind")
    }

    /// uptime-kuma's compose file exactly as the project publishes it (from the spec corpus): no `x-reconcile`,
    /// placed by the host file, its `./data` created as host data. The lab cannot pull the real image, so a lab
    /// image stands in under the published tag.
    @Test func aPublishedComposeFileDeploysUnchanged() async throws {
        let dataRoot = Self.dataRoot()
        let repo = try repo(stacks: ["uptime-kuma"], dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let published = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SpecTests/Fixtures/corpus/uptime-kuma/compose.yaml")
        let compose = try String(contentsOf: published, encoding: .utf8)
        #expect(!compose.contains("x-reconcile"))
        try repo.writeStack("uptime-kuma", compose)
        try repo.commit("uptime-kuma as published")
        let nas = try repo.docker("nas")
        try await nas.tagImage("lab/app:1", as: "louislam/uptime-kuma:1")

        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        let project = repo.stack("uptime-kuma")
        let app = try await nas.inspectContainer("\(project)-uptime-kuma-1")
        #expect(app.state.running == true)
        #expect(app.hostConfig?.binds == ["\(dataRoot.path)/\(project)/data:/app/data"])
        #expect(app.hostConfig?.restartPolicy?.name == "unless-stopped")
        #expect(FileManager.default.fileExists(atPath: "\(dataRoot.path)/\(project)/data"))
    }

    @Test func projectNamesComeFromDotEnvAndName() async throws {
        let dataRoot = Self.dataRoot()
        let repo = try repo(stacks: ["envname", "topname"], dataRoot: dataRoot)
        defer { repo.cleanUp(); try? FileManager.default.removeItem(at: dataRoot) }
        let compose = """
            x-reconcile: {health: {min_ready: 0s}}
            services:
              app: {image: lab/busybox:1, command: ["sleep", "3600"], healthcheck: {disable: true}, volumes: [./data:/data]}
            """
        try repo.writeStack("envname", compose)
        try repo.write("stacks/\(repo.stack("envname"))/.env", "COMPOSE_PROJECT_NAME=fromenv-\(repo.suffix)\n")
        // A compose file as published, with nothing of reconcile's in it: placed by hosts/nas.yaml alone.
        let plain = compose.split(separator: "\n").dropFirst().joined(separator: "\n")
        try repo.writeStack("topname", "name: fromname-\(repo.suffix)\n" + plain)
        try repo.commit("two project names")
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")
        let nas = try repo.docker("nas")
        for project in ["fromenv-\(repo.suffix)", "fromname-\(repo.suffix)"] {
            let app = try await nas.inspectContainer("\(project)-app-1")
            #expect(app.hostConfig?.binds == [dataRoot.path + "/\(project)/data:/data"])
            #expect(FileManager.default.fileExists(atPath: dataRoot.path + "/\(project)/data"), "created by the engine")
        }

        // A third stack claiming one of those project names on the same host is refused, naming both files.
        try writeHost(repo, stacks: ["envname", "topname", "clash"].map(repo.stack), dataRoot: dataRoot)
        try repo.writeStack("clash", "name: fromname-\(repo.suffix)\n" + compose)
        try repo.commit("clash")
        let validate = try await repo.cli(["validate"])
        #expect(validate.status != 0)
        #expect(validate.output.contains("stacks/\(repo.stack("clash"))/compose.yaml")
                    && validate.output.contains("stacks/\(repo.stack("topname"))/compose.yaml")
                    && validate.output.contains("both use project name `fromname-\(repo.suffix)` on host `nas`"), "\(validate.output)")
    }
}
