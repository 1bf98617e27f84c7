import Controller
import Docker
import Foundation
import Testing

/// Issue 15: `extra_hosts` reaches the container on Docker 20.10 (API 1.41), which refuses Compose's `host=ip`.
@Suite("extra_hosts on the lab engines", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct ExtraHostsTests {
    @Test func everyFormLandsInEtcHostsOnBothEngines() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        for (name, host) in [("hostsnas", "nas"), ("hostsiot", "iot")] {
            try repo.writeStack(name, """
            x-reconcile: {hosts: [\(host)], health: {min_ready: 1s}}
            services:
              listed:
                image: lab/busybox:1
                command: ["sh", "-c", "cat /etc/hosts; sleep 3600"]
                extra_hosts: ["db.lan:127.0.0.2", "cache.lan=127.0.0.3", "v6.lan:::1"]
              mapped:
                image: lab/busybox:1
                command: ["sh", "-c", "cat /etc/hosts; sleep 3600"]
                extra_hosts:
                  mqtt.lan: 127.0.0.4
            """)
        }
        try repo.commit("extra hosts")
        let report = try await repo.controller().apply(ApplyRequest())
        #expect(report.succeeded, "\(report.renderText())")

        for (name, host) in [("hostsnas", "nas"), ("hostsiot", "iot")] {
            let docker = try repo.docker(host)
            let listed = try await docker.inspectContainer("\(repo.stack(name))-listed-1")
            #expect(listed.state.running)
            #expect(listed.hostConfig?.extraHosts == ["db.lan:127.0.0.2", "cache.lan:127.0.0.3", "v6.lan:::1"])
            let mapped = try await docker.inspectContainer("\(repo.stack(name))-mapped-1")
            #expect(mapped.hostConfig?.extraHosts == ["mqtt.lan:127.0.0.4"])

            let hosts = try await docker.logs(listed.id)
            #expect(hosts.contains("127.0.0.2\tdb.lan"), "\(host): \(hosts)")
            #expect(hosts.contains("127.0.0.3\tcache.lan"), "\(host): \(hosts)")
            #expect(hosts.contains("::1\tv6.lan"), "\(host): \(hosts)")
            #expect(try await docker.logs(mapped.id).contains("127.0.0.4\tmqtt.lan"))
        }
    }
}
