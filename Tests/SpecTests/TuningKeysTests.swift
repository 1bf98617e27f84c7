import Foundation
import Spec
import Testing

/// Issue 15: `pids_limit`, `mem_swappiness`, `memswap_limit`, … are applied (the conformance fixture `tuning`
/// and the lab's equality test check the values); what Compose or the engine would refuse is an error here.
struct TuningKeysTests {
    @Test(arguments: [
        ("    pids_limit: 100\n    deploy: {resources: {limits: {pids: 50}}}", "5:5",
         "`pids_limit` and `deploy.resources.limits.pids` set different values (100, 50)"),
        ("    mem_reservation: 64m\n    deploy: {resources: {reservations: {memory: 32m}}}", "5:5",
         "`mem_reservation` and `deploy.resources.reservations.memory` set different values"),
        ("    mem_swappiness: 101", "5:21", "`mem_swappiness`: 101 is out of range; write a number from 0 to 100"),
        ("    oom_score_adj: -2000", "5:20", "`oom_score_adj`: -2000 is out of range"),
        ("    memswap_limit: lots", "5:20", "`memswap_limit`: `lots` is not a size"),
        ("    dns_opt: ndots:2", "5:14", "`dns_opt` must be a list"),
        ("    blkio_config: {weight: 5}", "5:28", "`blkio_config.weight`: 5 is out of range; write a number from 10 to 1000"),
        ("    blkio_config: {device_read_bps: [{path: /dev/sda}]}", "5:38", "each item of `blkio_config.device_read_bps` needs `path` and `rate`"),
    ])
    func refusedAtTheValue(lines: String, position: String, message: String) throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          web:
            image: busybox:1
        \(lines)
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.contains(":\(position):") && $0.contains(message) }, "\(errors)")
        #expect(result.repository?.heldStacks.keys.sorted() == ["web"])
        #expect(result.repository?.stack(named: "web") == nil)
    }

    /// Repeating `deploy.resources` with the same value is fine, as in Compose; -1 is unlimited swap.
    @Test func sameValueTwiceAndUnlimitedSwap() throws {
        let repo = try TestRepository(hosts: ["nas": ComposeCoverageTests.lab])
        defer { repo.remove() }
        try repo.write("stacks/web/compose.yaml", """
        x-reconcile: {hosts: nas}
        services:
          web:
            image: busybox:1
            pids_limit: 50
            memswap_limit: -1
            dns_search: lab.internal
            deploy: {resources: {limits: {pids: 50}}}
        """)
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let web = try #require(result.repository?.stack(named: "web")?.service(named: "web"), "\(result.renderedDiagnostics)")
        #expect(web.pidsLimit == 50 && web.memswapLimit == -1 && web.dnsSearch == ["lab.internal"])
    }
}
