import Foundation
import Spec
import Testing

/// Times loading + validating a generated repository of 100 stacks; runs only with `RECONCILE_BENCH=1`
/// (see `scripts/bench-load`) and prints a table. Not a timed assertion: it checks only that loading succeeds.
struct LoadBenchmark {
    static var enabled: Bool { ProcessInfo.processInfo.environment["RECONCILE_BENCH"] == "1" }

    @Test(.enabled(if: LoadBenchmark.enabled))
    func loadHundredStacks() throws {
        let stacks = Int(ProcessInfo.processInfo.environment["RECONCILE_BENCH_STACKS"] ?? "") ?? 100
        let rounds = Int(ProcessInfo.processInfo.environment["RECONCILE_BENCH_ROUNDS"] ?? "") ?? 10
        let repo = try TestRepository(hosts: ["nas": "endpoint: unix:///var/run/docker.sock\nvlan: main\n",
                                              "iot": "endpoint: tcp://127.0.0.1:2376\ninsecure: true\nvlan: iot\n"])
        defer { repo.remove() }
        for index in 0..<stacks {
            try repo.write("stacks/stack-\(index)/.env", "TAG=1.\(index)\n")
            try repo.write("stacks/stack-\(index)/app.env", "A=1\nB=\"two ${TAG}\"\n")
            try repo.write("stacks/stack-\(index)/site/index.html", "<p>stack \(index)</p>\n")
            try repo.write("stacks/stack-\(index)/compose.yaml", Self.compose(index: index))
        }
        var timings: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<rounds {
            var result: LoadResult?
            timings.append(clock.measure { result = RepositoryLoader.load(root: repo.root.path, environment: [:]) })
            #expect(result?.repository?.stacks.count == stacks, "\(result?.renderedDiagnostics ?? "")")
        }
        let sorted = timings.sorted()
        let ms: (Duration) -> String = { String(format: "%8.2f", Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1e3) }
        print("""
            | stacks | services | rounds |   min ms | median ms |   max ms |
            |-------:|---------:|-------:|---------:|----------:|---------:|
            | \(String(stacks).leftPad(6)) | \(String(stacks * 3).leftPad(8)) | \(String(rounds).leftPad(6)) | \(ms(sorted[0])) | \(ms(sorted[sorted.count / 2])) \
            | \(ms(sorted[sorted.count - 1])) |
            """)
    }

    /// A realistic three-service stack with anchors, interpolation, env files, healthchecks and ports.
    static func compose(index: Int) -> String {
        """
        x-reconcile:
          hosts: \(index % 2 == 0 ? "[nas]" : "{vlan: iot}")
          windows: [{deny: "06:45-07:15"}]
          health: {timeout: 2m}
        x-common: &common
          restart: unless-stopped
          logging: {driver: json-file, options: {max-size: 10m}}
        services:
          web:
            <<: *common
            image: "nginx:${TAG}"
            ports: ["127.0.0.1:\(10000 + index):80"]
            volumes: ["./site:/usr/share/nginx/html:ro"]
            depends_on: {api: {condition: service_healthy}}
          api:
            <<: *common
            image: ghcr.io/example/api:${TAG}
            env_file: app.env
            environment: [MODE=prod, "LEVEL=${LEVEL:-info}"]
            healthcheck: {test: "wget -q -O- http://localhost/health", interval: 10s, retries: 3}
            depends_on: [db]
          db:
            <<: *common
            image: postgres:16
            volumes: [data:/var/lib/postgresql/data]
            mem_limit: 512m
        volumes:
          data: {}
        """
    }
}

extension String {
    fileprivate func leftPad(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
