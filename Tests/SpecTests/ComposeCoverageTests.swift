import Foundation
import Spec
import Testing

/// Issue 15: keys real stacks use that were refused before: decoded as Compose applies them, or refused
/// with their position and a reason.
struct ComposeCoverageTests {
    static let lab = "endpoint: unix:///var/run/docker.sock\nvlan: main\n"

    func load(_ compose: String) throws -> (LoadResult, TestRepository) {
        let repo = try TestRepository(hosts: ["nas": Self.lab])
        try repo.write("stacks/web/compose.yaml", compose)
        return (RepositoryLoader.load(root: repo.root.path, environment: [:]), repo)
    }

    func errors(_ result: LoadResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func deployResourcesAndGPUsAsImmichWritesThem() throws {
        let (result, repo) = try load("""
        x-reconcile: {hosts: nas}
        services:
          ml:
            image: ghcr.io/immich-app/immich-machine-learning:release
            deploy:
              resources:
                limits: {cpus: "0.5", memory: 512M, pids: 100}
                reservations:
                  memory: 128M
                  devices:
                    - driver: nvidia
                      count: 1
                      capabilities: [gpu]
              placement: {constraints: [node.role == manager]}
          transcode:
            image: jellyfin/jellyfin
            gpus: all
        """)
        defer { repo.remove() }
        #expect(errors(result).isEmpty, "\(result.renderedDiagnostics)")
        let stack = try #require(result.repository?.stack(named: "web"))
        let ml = try #require(stack.service(named: "ml"))
        #expect(ml.deploy == DeployResources(cpus: 0.5, memory: 512 << 20, pids: 100, memoryReservation: 128 << 20,
                                             devices: [DeviceRequestSpec(driver: "nvidia", count: 1, capabilities: ["gpu"])]))
        #expect(stack.service(named: "transcode")?.gpus == [DeviceRequestSpec(count: -1)])
        let warning = result.diagnostics.first { $0.severity == .warning }
        #expect(warning?.message.contains("`deploy.placement` only applies to Swarm services") == true)
        #expect(warning?.location.line == 14)
    }

    @Test(arguments: [
        ("deploy: {replicas: 3}", "`deploy.replicas: 3`: reconcile runs exactly one container per service"),
        ("deploy: {mode: global}", "`deploy.mode: global` is for Swarm"),
        ("pull_policy: always", "`pull_policy: always` is not supported"),
        ("pull_policy: build", "reconcile does not build images"),
        ("gpus: two", "write `gpus: all`"),
        ("deploy: {resources: {limits: {memroy: 1g}}}", "unknown key `memroy`"),
    ])
    func refusalsNameThePositionAndTheNextStep(line: String, message: String) throws {
        let (result, repo) = try load("x-reconcile: {hosts: nas}\nservices:\n  s:\n    image: busybox\n    \(line)\n")
        defer { repo.remove() }
        let first = try #require(result.diagnostics.first { $0.severity == .error }, "\(line) was accepted")
        #expect(first.message.contains(message), "\(first.description)")
        #expect(first.location.line == 5)
        #expect(result.repository?.stack(named: "web") == nil, "nothing of a stack with an error is applied")
    }

    @Test func profilesAreOffUnlessActivated() throws {
        let compose = { (active: String) in """
            x-reconcile: {hosts: nas\(active)}
            services:
              app: {image: busybox}
              debug: {image: busybox, profiles: [debug]}
            """ }
        let (off, repo) = try load(compose(""))
        defer { repo.remove() }
        #expect(off.repository?.stack(named: "web")?.services.map(\.name) == ["app"])
        let (on, repo2) = try load(compose(", profiles: [debug]"))
        defer { repo2.remove() }
        #expect(on.repository?.stack(named: "web")?.services.map(\.name) == ["app", "debug"])
    }

    @Test func aServiceThatNeedsAServiceLeftOffIsAnError() throws {
        let (result, repo) = try load("""
        x-reconcile: {hosts: nas}
        services:
          app: {image: busybox, depends_on: [debug]}
          debug: {image: busybox, profiles: [debug]}
        """)
        defer { repo.remove() }
        #expect(errors(result).count == 1, "\(result.renderedDiagnostics)")
        #expect(errors(result).first?.contains("depends on `debug`, which is off: its profiles (debug) are not active") == true)
    }

    @Test func linksAreADependencyWithAnAlias() throws {
        let (result, repo) = try load("""
        x-reconcile: {hosts: nas}
        services:
          db: {image: postgres}
          app: {image: busybox, links: ["db:database"]}
          bad: {image: busybox, links: [dbb]}
        """)
        defer { repo.remove() }
        #expect(errors(result).count == 1)
        #expect(errors(result).first?.contains("compose.yaml:5:") == true)
        #expect(errors(result).first?.contains("links to `dbb`, which is not a service in this stack") == true)
    }

    @Test func pullPolicyAndPlatformAreKept() throws {
        let (result, repo) = try load("""
        x-reconcile: {hosts: nas}
        services:
          app: {image: busybox, pull_policy: if_not_present, platform: linux/arm64, links: [db]}
          db: {image: postgres, pull_policy: never}
        """)
        defer { repo.remove() }
        let stack = try #require(result.repository?.stack(named: "web"), "\(result.renderedDiagnostics)")
        #expect(stack.service(named: "app")?.pullPolicy == "missing")
        #expect(stack.service(named: "app")?.platform == "linux/arm64")
        #expect(stack.service(named: "app")?.dependsOn["db"] == DependsOn(condition: .serviceStarted, restart: true))
        #expect(stack.service(named: "db")?.pullPolicy == "never")
    }
}
