import Basics
import Foundation
import Spec
import Testing

/// Repository layout, names, `x-reconcile`, host files and repository-wide cross-checks.
struct LoaderTests {
    static let lab = "endpoint: unix:///var/run/docker.sock\nvlan: main\nlabels: {role: apps}\n"

    private func load(_ repo: TestRepository, environment: [String: String] = [:]) -> LoadResult {
        RepositoryLoader.load(root: repo.root.path, environment: environment)
    }

    private func errors(_ result: LoadResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func loadsHostsAndStacksSorted() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab, "iot": "endpoint: tcp://10.0.0.2:2376\ntls: {ca: certs/ca.pem, cert: certs/cert.pem, key: /abs/key.pem}\nvlan: iot\ntimezone: Europe/Berlin\n"])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: nas}\nservices:\n  b: {image: nginx}\n  a: {image: nginx, depends_on: [b]}\n")
        try repo.write("stacks/app/compose.yaml", "x-reconcile: {hosts: {vlan: iot}}\nservices:\n  s: {image: busybox}\n")
        let result = load(repo)
        #expect(errors(result).isEmpty, "\(result.renderedDiagnostics)")
        let repository = try #require(result.repository)
        #expect(repository.hosts.map(\.name) == ["iot", "nas"])
        #expect(repository.stacks.map(\.name) == ["app", "web"])
        let iot = try #require(repository.host(named: "iot"))
        #expect(iot.tls?.ca == repo.root.path + "/hosts/certs/ca.pem")
        #expect(iot.tls?.key == "/abs/key.pem")
        #expect(iot.timezone == "Europe/Berlin")
        #expect(repository.hosts(for: try #require(repository.stack(named: "app"))).map(\.name) == ["iot"])
        #expect(repository.stacks(on: try #require(repository.host(named: "nas"))).map(\.name) == ["web"])
        let web = try #require(repository.stack(named: "web"))
        #expect(web.services.map(\.name) == ["a", "b"])
        #expect(web.servicesInDependencyOrder.map(\.name) == ["b", "a"])
        #expect(web.service(named: "a")?.source == Basics.SourceLocation(file: "stacks/web/compose.yaml", line: 4, column: 3))
    }

    @Test func reconcileBlockIsDecoded() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
            x-reconcile:
              hosts: {labels: {role: apps}}
              windows:
                - {deny: "22:00-06:00"}
                - {allow: "Mon-Fri 09:00-17:00", timezone: Europe/Berlin}
                - {kind: deny, schedule: "0 3 1 * *", duration: 2h}
              health: {timeout: 2m, min_ready: 10s}
              updates: {mode: pinned, interval: 6h}
              prune: false
            services:
              s: {image: busybox}
            """)
        let result = load(repo)
        let stack = try #require(result.repository?.stack(named: "web"), "\(result.renderedDiagnostics)")
        #expect(stack.placement == .selector(vlan: nil, labels: ["role": "apps"]))
        #expect(stack.windows.count == 3)
        #expect(stack.windows[0].kind == .deny)
        #expect(stack.windows[0].duration == .seconds(8 * 3600))
        #expect(stack.windows[0].schedule.hours == [22])
        #expect(stack.windows[1].schedule.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(stack.windows[1].duration == .seconds(8 * 3600))
        #expect(stack.windows[1].timezone == "Europe/Berlin")
        #expect(stack.windows[2].schedule.daysOfMonth == [1])
        #expect(stack.health == HealthPolicy(timeout: .seconds(120), minReady: .seconds(10)))
        #expect(stack.updates == UpdatePolicy(mode: .pinned, interval: .seconds(6 * 3600)))
        #expect(stack.prune == false)
    }

    @Test func defaultsApplyWithoutOptionalBlocks() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  s: {image: busybox}\n")
        let stack = try #require(load(repo).repository?.stack(named: "web"))
        #expect(stack.health.minReady == .seconds(5))
        #expect(stack.updates.mode == .digest)
        #expect(stack.prune)
        #expect(stack.projectName == "web")
        #expect(stack.networks["default"]?.name == "web_default")
        #expect(stack.service(named: "s")?.networks == ["default": ServiceNetwork()])
    }

    @Test func portClashAcrossStacksFailsBothStacks() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab, "other": "endpoint: unix:///run/other.sock\n"])
        defer { repo.remove() }
        try repo.write("stacks/one/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  a:\n    image: nginx\n    ports: [\"8080:80\"]\n")
        try repo.write("stacks/two/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  b:\n    image: nginx\n    ports: [\"127.0.0.1:8080:80\"]\n")
        try repo.write("stacks/three/compose.yaml", "x-reconcile: {hosts: [other]}\nservices:\n  c:\n    image: nginx\n    ports: [\"8080:80\"]\n")
        try repo.write("stacks/four/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  d:\n    image: nginx\n    ports: [\"8080:80/udp\", \"127.0.0.1:9090:90\"]\n  e:\n    image: nginx\n    ports: [\"127.0.0.2:9090:90\"]\n")
        let result = load(repo)
        // The clash is reported once, at `two`, and holds both stacks; the others are applied.
        #expect(result.repository?.stacks.map(\.name) == ["four", "three"])
        #expect(result.repository?.heldStacks.keys.sorted() == ["one", "two"])
        #expect(errors(result) == [
            "stacks/two/compose.yaml:5:5: error: host port 127.0.0.1:8080/tcp on host `nas` is already published by service `a` of stack `one` (stacks/one/compose.yaml:5:5)",
        ])
        #expect(result.validStacks.map(\.name) == ["four", "three"])
    }

    @Test func selectorMatchingNoHostIsAnError() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: {vlan: dmz}}\nservices:\n  s: {image: busybox}\n")
        #expect(errors(load(repo)) == ["stacks/web/compose.yaml:1:1: error: the host selector of stack `web` matches no host; give a host file that `vlan` or those `labels`, or change the selector"])
    }

    @Test func layoutProblemsAreReported() throws {
        let repo = try TestRepository(hosts: ["Bad_Name": Self.lab, "ok": "endpoint: http://nas:2375\nendpiont: x\n"])
        defer { repo.remove() }
        try repo.write("stacks/two-files/compose.yaml", "services: {}\n")
        try repo.write("stacks/two-files/docker-compose.yml", "services: {}\n")
        try repo.write("stacks/empty/README.md", "no compose file\n")
        try repo.write("stacks/Upper/compose.yaml", "services: {}\n")
        try repo.write("stacks/blank/compose.yaml", "")
        let found = errors(load(repo))
        #expect(found.contains { $0.hasPrefix("hosts/Bad_Name.yaml:1:1: error: invalid host name `Bad_Name`") })
        #expect(found.contains { $0.hasPrefix("hosts/ok.yaml:1:11: error: `http://nas:2375` is not an endpoint") })
        #expect(found.contains { $0.hasPrefix("hosts/ok.yaml:2:1: error: unknown key `endpiont` in host `ok`; did you mean `endpoint`?") })
        #expect(found.contains { $0.hasPrefix("stacks/two-files/docker-compose.yml:1:1: error: stack `two-files` has several compose files") })
        #expect(found.contains { $0.hasPrefix("stacks/empty:1:1: error: stack `empty` has no compose file") })
        #expect(found.contains { $0.hasPrefix("stacks/Upper:1:1: error: invalid stack name `Upper`") })
        #expect(found.contains { $0.hasPrefix("stacks/blank/compose.yaml:1:1: error: the file is empty") })
    }

    @Test func missingFoldersAreReported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = RepositoryLoader.load(root: root.path, environment: [:])
        #expect(errors(result) == ["hosts:1:1: error: the repository has no `hosts/` folder",
                                   "stacks:1:1: error: the repository has no `stacks/` folder"])
    }

    @Test func processEnvironmentWinsOverDotEnvAndFileKeysAreTracked() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/.env", "TAG=from-dotenv\nPORT=8080\n")
        try repo.write("stacks/web/secrets.env", "TOKEN=s3cret\nMODE=file\n")
        try repo.write("stacks/web/conf/site.conf", "x\n")
        try repo.write("stacks/web/compose.yaml", """
            x-reconcile: {hosts: [nas]}
            services:
              s:
                image: "busybox:${TAG}"
                ports: ["${PORT}:80"]
                env_file: secrets.env
                environment: {MODE: env}
                volumes: ["./conf/site.conf:/etc/site.conf:ro", "/srv/outside:/o"]
            """)
        let result = load(repo, environment: ["TAG": "from-process"])
        let service = try #require(result.repository?.stack(named: "web")?.service(named: "s"), "\(result.renderedDiagnostics)")
        #expect(service.image == "busybox:from-process")
        #expect(service.ports == [PortSpec(target: 80, published: "8080")])
        #expect(service.environment == ["TOKEN": "s3cret", "MODE": "env"])
        #expect(service.environmentFromFiles == ["TOKEN"])
        #expect(service.volumes[0].source == repo.root.path + "/stacks/web/conf/site.conf")
        #expect(service.volumes[0].repoRelativeSource == "stacks/web/conf/site.conf")
        #expect(service.volumes[1].repoRelativeSource == nil)
        #expect(service.volumes[1].source == "/srv/outside")
    }

    /// Repo content is read-only unless the mount says `rw`; host paths keep Compose's read-write default.
    @Test func repoContentIsReadOnlyUnlessTheMountSaysRW() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/conf/app.conf", "x\n")
        try repo.write("stacks/web/site/index.html", "<p>hi</p>\n")
        try repo.write("shared/common.conf", "y\n")
        try repo.write("stacks/web/compose.yaml", """
            x-reconcile: {hosts: [nas]}
            services:
              s:
                image: busybox
                volumes:
                  - ./conf/app.conf:/etc/app.conf
                  - ./site:/www:rw
                  - ../../shared/common.conf:/etc/common.conf
                  - {type: bind, source: site, target: /long, read_only: false}
                  - {type: bind, source: ./site, target: /long-ro}
                  - /var/log:/host-logs
            """)
        let result = load(repo)
        let service = try #require(result.repository?.stack(named: "web")?.service(named: "s"), "\(result.renderedDiagnostics)")
        #expect(service.volumes.map(\.repoRelativeSource) == ["stacks/web/conf/app.conf", "stacks/web/site", "shared/common.conf",
                                                            "stacks/web/site", "stacks/web/site", nil])
        #expect(service.volumes.map(\.readOnly) == [true, false, true, false, true, false])
    }

    @Test func unsetVariableIsAWarningNotAnError() throws {
        let repo = try TestRepository(hosts: ["nas": Self.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  s:\n    image: busybox\n    user: \"${NOBODY}\"\n")
        let result = load(repo)
        #expect(result.repository != nil)
        #expect(result.diagnostics.map(\.description) == ["stacks/web/compose.yaml:5:12: warning: variable `NOBODY` is not set; using an empty string"])
    }

    @Test func diagnosticRendersLikeACompiler() {
        let diagnostic = Diagnostic(location: Basics.SourceLocation(file: "stacks/web/compose.yaml", line: 12, column: 7),
                                    message: "bad thing", sourceLine: "    \tfoo: bar")
        #expect(diagnostic.rendered == "stacks/web/compose.yaml:12:7: error: bad thing\n    \tfoo: bar\n    \t ^")
        let bare = Diagnostic(location: .file("x.yaml"), message: "m", severity: .warning)
        #expect(bare.render(sourceLines: ["first line"]) == "x.yaml:1:1: warning: m\nfirst line\n^")
    }
}

/// Name collisions that would make two stacks fight over the same containers.
struct NameClashTests {
    @Test func sameContainerNameOrProjectOnOneHostFails() throws {
        let repo = try TestRepository(hosts: ["nas": LoaderTests.lab])
        defer { repo.remove() }
        try repo.write("stacks/one/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  a:\n    image: nginx\n    container_name: proxy\n")
        try repo.write("stacks/two/compose.yaml", "x-reconcile: {hosts: [nas]}\nservices:\n  b:\n    image: nginx\n    container_name: proxy\n")
        try repo.write("stacks/three/compose.yaml", "name: one\nx-reconcile: {hosts: [nas]}\nservices:\n  c: {image: nginx}\n")
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains("stacks/two/compose.yaml:5:5: error: container name `proxy` on host `nas` is already used by service `a` of stack `one` (stacks/one/compose.yaml:5:5)"))
        #expect(messages.contains { $0.hasPrefix("stacks/three/compose.yaml:1:1: error: stacks/one/compose.yaml and stacks/three/compose.yaml both use project name `one` on host `nas`") })
        #expect(result.validStacks.isEmpty)
    }
}
