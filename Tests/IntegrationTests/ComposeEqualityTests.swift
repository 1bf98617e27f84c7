import Basics
@testable import Controller
import Docker
import Foundation
import Planner
import Spec
import Store
import Testing

/// Issue 15: for every corpus file reconcile accepts, the containers it creates equal those `docker compose create`
/// creates, field by field. Compose creates on `nas`, reconcile on `iot` (same names, different engines); images
/// are stood in by local tags of the lab image, and containers are created, never started.
@Suite("Containers equal to Compose's", .enabled(if: Lab.isConfigured, Lab.skipReason), .serialized)
struct ComposeEqualityTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SpecTests/Fixtures/corpus")
    static let projects: [String] = {
        let expected = (try? String(contentsOf: corpus.deletingLastPathComponent().appendingPathComponent("corpus.expected"),
                                    encoding: .utf8)) ?? ""
        return expected.split(separator: "\n").filter { $0.hasSuffix(": accepted") }
            .map { String($0.prefix { $0 != ":" }) }
    }()

    @Test(arguments: projects)
    func containersEqualComposes(project: String) async throws {
        try await compare(project: project, source: Self.corpus.appendingPathComponent(project))
    }

    /// The keys no corpus file uses but real stacks do (`pids_limit`, `cpu_shares`, `dns_search`, …): the
    /// conformance fixture that sets them all, created by both tools and compared the same way.
    @Test func keysBeyondTheCorpusEqualComposes() async throws {
        let fixture = Self.corpus.deletingLastPathComponent().appendingPathComponent("conformance/tuning")
        try await compare(project: "reconcile-eq-tuning", source: fixture)
    }

    func compare(project: String, source: URL) async throws {
        let lab = try Lab.load()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-eq-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        // Host data lands in `<data>/<project>/<path>`: with the stacks folder as data root that is the stack
        // folder itself, where Compose puts it.
        let folder = root.appendingPathComponent("stacks/\(project)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("hosts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: folder)
        try "endpoint: unix://\(try lab.value("IOT_SOCK"))\ndata: \(root.path)/stacks\nstacks: [\(project)]\n"
            .write(to: root.appendingPathComponent("hosts/iot.yaml"), atomically: true, encoding: .utf8)
        let environment = ["HOME": "/home/tester", "PATH": "/usr/bin:/bin"]
        let loaded = RepositoryLoader.load(root: root.path, environment: environment)
        let stack = try #require(loaded.repository?.stack(named: project), "\(loaded.renderedDiagnostics)")
        let pinned = stack.services.filter { $0.image.contains("@") }.map(\.name)
        guard pinned.isEmpty else {
            // A digest cannot be stood in by a local tag: such files are counted as not compared.
            print("compose equality \(project): not compared: \(pinned.joined(separator: ", ")) pin images by digest")
            return
        }

        let nas = try lab.client("nas"), iot = try lab.client("iot")
        let images = Set(stack.services.map(\.image))
        let composeSocket = try lab.value("NAS_SOCK"), iotSocket = try lab.value("IOT_SOCK")
        var tagged: [(socket: String, image: String)] = []
        defer { Self.untag(tagged) }
        for (client, socket) in [(nas, composeSocket), (iot, iotSocket)] {
            for image in images where (try? await client.inspectImage(image)) == nil {
                try await client.tagImage("lab/busybox:1", as: image)
                tagged.append((socket, image))
            }
        }
        defer { Self.down(stack, folder: folder, composeSocket: composeSocket, iotSocket: iotSocket) }
        // Off the cooperative pool (runAsync): a blocked pool thread stalls every other test of the target.
        let compose = try await runAsync(ComposeEqualityTests.composeBinary, ["--project-directory", folder.path, "-p", stack.projectName,
                                                                  "create", "--pull", "never", "--no-recreate"],
                              environment: ["DOCKER_HOST": "unix://\(composeSocket)", "HOME": "/home/tester"])
        try #require(compose.status == 0, "docker compose create: \(compose.output)")

        for image in images where try await nas.inspectImage(image).id != iot.inspectImage(image).id {
            // Someone else's tag of that name on one engine: the two sides would not start from one image.
            print("compose equality \(project): not compared: \(image) is a different image on nas and iot")
            return
        }
        let state = root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let owner = Owner(instance: "eq-\(project)", repository: nil, declaredStacks: [stack.name])
        let rollout = ServiceRollout(client: iot, store: try Store(stateDirectory: state), host: "iot", commit: nil,
                                     environment: environment, owner: owner)
        try await StackResources(client: iot, owner: owner).ensure(stack, for: stack.services)
        for service in stack.servicesInDependencyOrder {
            let imageID = try await iot.inspectImage(service.image).id
            let desired = DesiredContainer(stack: stack, service: service, imageID: imageID)
            _ = try await rollout.createContainer(desired, name: desired.name)
        }

        var rows: [String] = []
        var equal = 0, total = 0
        for service in stack.services {
            let name = DesiredContainer.containerName(stack: stack, service: service)
            let theirs = try await Self.inspect(name, socket: composeSocket), ours = try await Self.inspect(name, socket: iotSocket)
            let repoTargets = Set(service.volumes.filter { $0.repoRelativeSource != nil }.map(\.target))
            for field in InspectField.all {
                total += 1
                let a = field.value(theirs, repoTargets: repoTargets), b = field.value(ours, repoTargets: repoTargets)
                if a == b { equal += 1 } else { rows.append("\(service.name).\(field.name): compose \(a) ≠ reconcile \(b)") }
            }
        }
        print("compose equality \(project): \(equal)/\(total) fields equal")
        #expect(rows.isEmpty, "\(project): \(equal)/\(total) equal\n\(rows.joined(separator: "\n"))")
    }

    static var composeBinary: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".tools/docker-compose").path
    }

    static func inspect(_ name: String, socket: String) async throws -> JSONValue {
        let result = try await runAsync("/usr/bin/docker", ["-H", "unix://\(socket)", "inspect", name])
        guard let first = JSONValue.parse(Data(result.output.utf8))?.array?.first else {
            throw LabError("docker inspect \(name): \(result.output)")
        }
        return first
    }

    /// Removes what both sides created for this stack (containers, its networks and volumes), and the stand-in tags.
    static func down(_ stack: StackSpec, folder: URL, composeSocket: String, iotSocket: String) {
        _ = try? run(composeBinary, ["--project-directory", folder.path, "-p", stack.projectName, "down", "--volumes"],
                     environment: ["DOCKER_HOST": "unix://\(composeSocket)", "HOME": "/home/tester"])
        let d = "docker -H unix://\(iotSocket)"
        _ = try? run("/bin/bash", ["-c", """
            \(d) ps -aq --filter label=\(ManagedLabels.instance)=eq-\(stack.name) | xargs -r \(d) rm -f >/dev/null
            \(d) network ls -q --filter label=\(ManagedLabels.instance)=eq-\(stack.name) | xargs -r \(d) network rm >/dev/null
            \(d) volume ls -q --filter label=\(ManagedLabels.instance)=eq-\(stack.name) | xargs -r \(d) volume rm -f >/dev/null
            """])
    }

    /// Only the tags this test made; synchronous (the docker CLI) so a `defer` really finishes it.
    static func untag(_ tagged: [(socket: String, image: String)]) {
        for (socket, image) in tagged { _ = try? run("/usr/bin/docker", ["-H", "unix://\(socket)", "rmi", image]) }
    }
}
