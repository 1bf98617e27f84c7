import Foundation
import Spec
import Testing

/// Relative binds: in the repository → repo content; not in it → host data under the host's `data:` root;
/// `x-reconcile.data` → host data seeded from the repository.
struct HostDataTests {
    static let nas = "endpoint: unix:///var/run/docker.sock\ndata: /srv/apps/\nstacks: [web]\n"

    private func load(_ repo: TestRepository) -> LoadResult {
        RepositoryLoader.load(root: repo.root.path, environment: [:])
    }

    @Test func aMissingRelativeSourceIsHostDataUnderTheDataRoot() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        defer { repo.remove() }
        try repo.write("stacks/web/conf/app.conf", "x=1\n")
        try repo.write("stacks/web/compose.yaml", """
            services:
              app:
                image: busybox
                volumes: [./data:/data, ./conf:/etc/app, "./db/pg:/var/lib/postgresql/data:ro", /mnt/media:/media]
            """)
        let result = load(repo)
        let repository = try #require(result.repository, "\(result.renderedDiagnostics)")
        let nas = try #require(repository.host(named: "nas"))
        #expect(nas.data == "/srv/apps")
        let placed = try #require(repository.stacks(on: nas).first?.services.first)
        let volumes = placed.volumes
        #expect(volumes[0].hostData?.path == "web/data")
        #expect(volumes[0].source == "/srv/apps/web/data")
        #expect(volumes[0].readOnly == false, "host data is mounted as the file says: read-write")
        #expect(volumes[0].repoRelativeSource == nil)
        #expect(volumes[1].hostData == nil)
        #expect(volumes[1].repoRelativeSource == "stacks/web/conf")
        #expect(volumes[1].readOnly, "repo content stays read-only")
        #expect(volumes[2].source == "/srv/apps/web/db/pg")
        #expect(volumes[2].readOnly, "`:ro` on host data is kept")
        #expect(volumes[3].source == "/mnt/media" && volumes[3].hostData == nil)
        // Unplaced, the spec reads like `docker-compose config`: the folder beside the compose file.
        let unplaced = try #require(repository.stack(named: "web")?.services.first?.volumes.first)
        #expect(unplaced.source == repo.root.path + "/stacks/web/data")
    }

    @Test func hostDataFollowsTheProjectName() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "name: paperless\nservices:\n  s: {image: busybox, volumes: [./media:/m]}\n")
        let repository = try #require(load(repo).repository)
        let nas = try #require(repository.host(named: "nas"))
        #expect(repository.stacks(on: nas).first?.services.first?.volumes.first?.source == "/srv/apps/paperless/media")
    }

    @Test func eachHostKeepsTheStacksDataUnderItsOwnRoot() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas, "vm": "endpoint: unix:///x.sock\ndata: /var/lib/apps\nstacks: [web]\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "services:\n  s: {image: busybox, volumes: [./data:/data]}\n")
        let repository = try #require(load(repo).repository)
        let sources = repository.hosts.map { host in repository.stacks(on: host).first?.services.first?.volumes.first?.source }
        #expect(sources == ["/srv/apps/web/data", "/var/lib/apps/web/data"])
    }

    @Test func hostDataOnAHostWithoutADataRootIsAnErrorAtTheMount() throws {
        let repo = try TestRepository(hosts: ["nas": "endpoint: unix:///var/run/docker.sock\nstacks: [web]\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "services:\n  db:\n    image: postgres\n    volumes:\n      - ./postgres:/var/lib/postgresql/data\n      - ./backups:/backups\n")
        let errors = load(repo).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == ["stacks/web/compose.yaml:5:9: error: service `db` keeps its data in `./postgres` (not in the "
                           + "repository, so it is host data), but host `nas` has no data root; add `data: /srv/reconcile` "
                           + "(a folder on nas) to hosts/nas.yaml"])
    }

    @Test func aDataRootMustBeAbsolute() throws {
        let repo = try TestRepository(hosts: ["nas": "endpoint: unix:///var/run/docker.sock\ndata: apps\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  s: {image: busybox}\n")
        let errors = load(repo).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("hosts/nas.yaml:2:7: error: `data: apps` is not an absolute folder") == true)
    }

    @Test func xReconcileDataSeedsHostDataFromTheRepository() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        defer { repo.remove() }
        try repo.write("stacks/web/config/settings.ini", "a=1\n")
        try repo.write("stacks/web/compose.yaml", """
            x-reconcile: {data: [./config]}
            services:
              s: {image: busybox, volumes: ["./config:/config", "./config/settings.ini:/etc/settings.ini"]}
            """)
        let result = load(repo)
        let repository = try #require(result.repository, "\(result.renderedDiagnostics)")
        let nas = try #require(repository.host(named: "nas"))
        let volumes = try #require(repository.stacks(on: nas).first?.services.first?.volumes)
        #expect(volumes[0].hostData?.path == "web/config" && volumes[0].hostData?.seed == "stacks/web/config")
        #expect(volumes[0].source == "/srv/apps/web/config")
        #expect(volumes[0].repoRelativeSource == nil && volumes[0].readOnly == false)
        #expect(volumes[1].hostData?.seed == "stacks/web/config/settings.ini")
        #expect(volumes[1].source == "/srv/apps/web/config/settings.ini")
    }

    @Test func aSeedThatIsNotInTheRepositoryIsAnError() throws {
        let repo = try TestRepository(hosts: ["nas": Self.nas])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {data: [./confg]}\nservices:\n  s: {image: busybox, volumes: [./config:/config]}\n")
        let errors = load(repo).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("stacks/web/compose.yaml:1:22: error: `x-reconcile.data` entry `./confg` is not in the repository") == true)
    }
}
