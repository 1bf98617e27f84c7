import Foundation
import Spec
import Testing

/// Placement from `hosts/<host>.yaml` (`stacks:`), its union with `x-reconcile.hosts`, and errors that come
/// once, together with every other error.
struct PlacementTests {
    static let nas = "endpoint: unix:///var/run/docker.sock\nvlan: main\n"

    private func errors(_ repo: TestRepository) -> [String] {
        RepositoryLoader.load(root: repo.root.path, environment: [:]).diagnostics
            .filter { $0.severity == .error }.map(\.description)
    }

    @Test func aHostFilePlacesAComposeFileWithoutXReconcile() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks: [web]\n", "iot": "endpoint: unix:///x.sock\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "services:\n  s: {image: busybox}\n")
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let repository = try #require(result.repository, "\(result.renderedDiagnostics)")
        let web = try #require(repository.stack(named: "web"))
        #expect(web.placement == nil)
        #expect(repository.hosts(for: web).map(\.name) == ["nas"])
        #expect(repository.stacks(on: try #require(repository.host(named: "iot"))).isEmpty)
    }

    @Test func hostFilesAndXReconcileAreAUnion() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks: web\n", "iot": "endpoint: unix:///x.sock\nvlan: iot\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: {vlan: iot}}\nservices:\n  s: {image: busybox}\n")
        let repository = try #require(RepositoryLoader.load(root: repo.root.path, environment: [:]).repository)
        let web = try #require(repository.stack(named: "web"))
        #expect(repository.hosts(for: web).map(\.name) == ["iot", "nas"])
    }

    @Test func aStackPlacedNowhereIsReportedWithEveryOtherError() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks: [good]\n"])
        defer { repo.remove() }
        try repo.write("stacks/good/compose.yaml", "services:\n  s: {image: busybox, restrat: always}\n")
        try repo.write("stacks/lost/compose.yaml", "services:\n  s: {image: busybox, prots: [80]}\n")
        let found = errors(repo)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix("stacks/good/compose.yaml:2:23: error: unknown key `restrat`") })
        #expect(found.contains { $0.hasPrefix("stacks/lost/compose.yaml:2:23: error: unknown key `prots`") })
        #expect(found.contains("stacks/lost/compose.yaml:1:1: error: stack `lost` is placed on no host; add `lost` to "
                               + "`stacks:` in `hosts/<host>.yaml`, or `x-reconcile: {hosts: [<host>]}` to stacks/lost/compose.yaml"))
    }

    @Test func aHostFileNamingNoStackIsAnErrorAtTheEntry() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks:\n  - web\n  - imich\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "services:\n  s: {image: busybox}\n")
        try repo.write("stacks/immich/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  s: {image: busybox}\n")
        #expect(errors(repo) == ["hosts/nas.yaml:5:5: error: host `nas` lists stack `imich`, but there is no `stacks/imich/`; did you mean `immich`?"])
    }

    @Test func aListedStackWithoutAComposeFileIsReportedOnce() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks: [web]\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/README.md", "compose file to come\n")
        #expect(errors(repo) == ["stacks/web:1:1: error: stack `web` has no compose file; add `stacks/web/compose.yaml`"])
    }

    @Test func aBrokenHostFileStillPlacesItsStacks() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks: [web]\nendpont: x\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "services:\n  s: {image: busybox}\n")
        let found = errors(repo)
        #expect(found.count == 1, "one mistake, one message: \(found)")
        #expect(found.first?.hasPrefix("hosts/nas.yaml:4:1: error: unknown key `endpont`") == true)
    }

    @Test func aBrokenServiceIsNotReportedAgainByItsDependents() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks: [web]\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
            services:
              db: {image: "postgres:16", restart: sometimes}
              app: {image: busybox, depends_on: [db]}
              worker:
                image: busybox
                depends_on: {db: {condition: service_healthy}, app: {condition: service_started}}
            """)
        let found = errors(repo)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("stacks/web/compose.yaml:2:39: error: `restart: sometimes` is not a restart policy") == true, "\(found)")
    }

    @Test func aDependencyOnNoServiceSaysWhatToDo() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas + "stacks: [web]\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "services:\n  app: {image: busybox, depends_on: [cache]}\n")
        #expect(errors(repo) == ["stacks/web/compose.yaml:2:25: error: service `app` depends on `cache`, which is not a "
                                 + "service in this stack; add it under `services`, or remove it from `depends_on`"])
    }
}
