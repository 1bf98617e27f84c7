import Controller
import Foundation
import Testing

/// Issue 15 on the lab: `secrets`/`configs` with `file` sources are shipped repository content, mounted where
/// Compose mounts them; their content never reaches a record, and an edit recreates exactly their users.
@Suite("Secrets and configs from files", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct SecretsAndConfigsTests {
    /// `app` reads the secret and the config, `viewer` only the config, `bystander` neither.
    func writeStack(_ repo: TestRepo, password: String, conf: String = "mode=prod\n") throws {
        try repo.writeStack("vault", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          app:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
            secrets: [db_password, {source: db_password, target: /etc/app/password}]
            configs: [app_conf]
          viewer:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
            configs: [{source: app_conf, target: /etc/viewer.conf}]
          bystander:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
        secrets:
          db_password: {file: ./secrets/db_password.txt}
        configs:
          app_conf: {file: ./app.conf}
        """)
        let folder = "stacks/\(repo.stack("vault"))"
        try repo.write("\(folder)/secrets/db_password.txt", password)
        try repo.write("\(folder)/app.conf", conf)
    }

    @Test func mountedWhereComposeMountsThemKeptOffTheRecordAndRecreatingOnlyTheirUsers() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let first = "pw-one-\(repo.suffix)", second = "pw-two-\(repo.suffix)"
        try writeStack(repo, password: first)
        try repo.commit("vault")
        let applied = try await repo.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")

        let app = try await repo.docker("nas").inspectContainer("\(repo.stack("vault"))-app-1")
        let binds = app.hostConfig?.binds ?? []
        let targets = Set(binds.map { $0.split(separator: ":").dropFirst().joined(separator: ":") })
        #expect(targets == ["/run/secrets/db_password:ro", "/etc/app/password:ro", "/app_conf:ro"], "\(binds)")
        #expect(!binds.contains { $0.hasPrefix(repo.root.path) }, "bound from the checkout: \(binds)")
        let secretOnHost = try #require(binds.first { $0.contains(":/run/secrets/") }?.split(separator: ":").first)
        #expect(try String(contentsOfFile: String(secretOnHost), encoding: .utf8) == first)

        // A new password: only `app` is recreated, and the reason names the file, not the value.
        let before = try await repo.containers("vault", on: "nas")
        try writeStack(repo, password: second)
        try repo.commit("rotate")
        let plan = try await repo.controller().plan()
        let actions = plan.hosts.flatMap(\.stacks).filter { $0.stack == repo.stack("vault") }.flatMap(\.actions)
        let kinds = Dictionary(uniqueKeysWithValues: actions.map { ($0.service, $0.kind) })
        #expect(kinds == ["app": "recreate", "viewer": "keep", "bystander": "keep"], "\(actions)")
        #expect(actions.first { $0.service == "app" }?.reasons
                    == ["file stacks/\(repo.stack("vault"))/secrets/db_password.txt changed"])
        let rotated = try await repo.cli(["apply"])
        #expect(rotated.status == 0, "\(rotated.output)")
        let after = try await repo.containers("vault", on: "nas")
        for service in ["app", "viewer", "bystander"] {
            let name = "\(repo.stack("vault"))-\(service)-1"
            #expect((after[name]?.id != before[name]?.id) == (service == "app"), "\(service)")
        }
        let newBinds = try await repo.docker("nas").inspectContainer("\(repo.stack("vault"))-app-1").hostConfig?.binds ?? []
        let newSecret = try #require(newBinds.first { $0.contains(":/run/secrets/") }?.split(separator: ":").first)
        #expect(try String(contentsOfFile: String(newSecret), encoding: .utf8) == second)

        // The config edit recreates both of its users and not the bystander.
        try writeStack(repo, password: second, conf: "mode=debug\n")
        try repo.commit("conf")
        let confPlan = try await repo.controller().plan()
        let confKinds = Dictionary(uniqueKeysWithValues: confPlan.hosts.flatMap(\.stacks)
            .filter { $0.stack == repo.stack("vault") }.flatMap(\.actions).map { ($0.service, $0.kind) })
        #expect(confKinds == ["app": "recreate", "viewer": "recreate", "bystander": "keep"])

        // Neither password is in any output or anywhere in the state directory.
        let history = try await repo.cli(["history"])
        for output in [applied.output, rotated.output, history.output] {
            #expect(!output.contains(first) && !output.contains(second))
        }
        // Nor the plain content fingerprints of the password files: history holds keyed ones only.
        let plain = try [first, second].map { try Self.plainFingerprint(of: $0, file: "secrets/db_password.txt", in: repo) }
        #expect(StateDirectoryScan.files(containing: [first, second] + plain, under: repo.state) == [])
        // The same computation finds the config's plain fingerprint, so the scan above can fail.
        let conf = try Self.plainFingerprint(of: "mode=prod\n", file: "app.conf", in: repo)
        #expect(!StateDirectoryScan.files(containing: [conf], under: repo.state).isEmpty)
        let show = try await repo.cli(["history", "show", "2"])
        #expect(show.output.contains("db_password.txt changed"), "\(show.output)")

        // Revision 1 comes back once the repo has its password again (history has only the keyed fingerprint).
        try writeStack(repo, password: first)
        try repo.commit("password one again")
        let rollback = try await repo.cli(["rollback", repo.stack("vault"), "--to", "1"])
        #expect(rollback.status == 0, "\(rollback.output)")
        let restored = try await repo.docker("nas").inspectContainer("\(repo.stack("vault"))-app-1").hostConfig?.binds ?? []
        let restoredSecret = try #require(restored.first { $0.contains(":/run/secrets/") }?.split(separator: ":").first)
        #expect(try String(contentsOfFile: String(restoredSecret), encoding: .utf8) == first)
    }

    /// `sha256:` of the file's mode and content, as repo files are fingerprinted, computed by `sha256sum`.
    static func plainFingerprint(of content: String, file: String, in repo: TestRepo) throws -> String {
        let file = repo.root.appendingPathComponent("stacks/\(repo.stack("vault"))/\(file)").path
        let script = "{ printf '%s\\000' \"$(stat -c %a \"$1\")\"; printf '%s' \"$2\"; } | sha256sum | cut -d' ' -f1"
        let result = try run("/bin/sh", ["-c", script, "sh", file, content])
        return "sha256:" + result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `app` gets a secret from the stack's `.env` and a config written inline; `bystander` neither.
    func writeValueStack(_ repo: TestRepo, token: String, motd: String = "welcome") throws {
        try repo.writeStack("values", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        services:
          app:
            image: lab/busybox:1
            command: sh -c "stat -c '%a %n' /run/secrets/token /etc/motd; cat /run/secrets/token /etc/motd; echo; sleep 3600"
            secrets: [{source: token, mode: 0400}]
            configs: [{source: motd, target: /etc/motd}]
          bystander:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
        secrets:
          token: {environment: API_TOKEN}
        configs:
          motd: {content: "\(motd)"}
        """)
        try repo.write("stacks/\(repo.stack("values"))/.env", "API_TOKEN=\(token)\n")
    }

    @Test func environmentAndContentSourcesAreCopiedInBeforeStartAndNeverRecorded() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        let first = "tok-one-\(repo.suffix)", second = "tok-two-\(repo.suffix)"
        try writeValueStack(repo, token: first)
        try repo.commit("values")
        let applied = try await repo.cli(["apply"])
        #expect(applied.status == 0, "\(applied.output)")
        let name = "\(repo.stack("values"))-app-1"
        let app = try await repo.docker("nas").inspectContainer(name)
        #expect((app.hostConfig?.binds ?? []).isEmpty && (app.hostConfig?.mounts ?? []).isEmpty, "no mounts, as Compose")
        let logs = try await repo.docker("nas").logs(name)
        #expect(logs.contains("400 /run/secrets/token") && logs.contains("444 /etc/motd"), "\(logs)")
        #expect(logs.contains(first + "welcome"), "\(logs)")

        // A new token recreates `app` only; the reason names the secret, not its value.
        let before = try await repo.containers("values", on: "nas")
        try writeValueStack(repo, token: second)
        try repo.commit("rotate")
        let plan = try await repo.controller().plan()
        let actions = plan.hosts.flatMap(\.stacks).filter { $0.stack == repo.stack("values") }.flatMap(\.actions)
        #expect(Dictionary(uniqueKeysWithValues: actions.map { ($0.service, $0.kind) }) == ["app": "recreate", "bystander": "keep"])
        #expect(actions.first { $0.service == "app" }?.reasons == ["file secret:token changed"], "\(actions)")
        let rotated = try await repo.cli(["apply"])
        #expect(rotated.status == 0, "\(rotated.output)")
        let after = try await repo.containers("values", on: "nas")
        #expect(after[name]?.id != before[name]?.id)
        let bystander = "\(repo.stack("values"))-bystander-1"
        #expect(after[bystander]?.id == before[bystander]?.id)
        #expect(try await repo.docker("nas").logs(name).contains(second + "welcome"))

        // Neither token in any output or anywhere in the state directory, nor in the container's labels.
        let history = try await repo.cli(["history", "show", "2"])
        #expect(history.output.contains("secret:token changed"), "\(history.output)")
        for output in [applied.output, rotated.output, history.output] {
            #expect(!output.contains(first) && !output.contains(second))
        }
        #expect(StateDirectoryScan.files(containing: [first, second], under: repo.state) == [])
        let labels = try await repo.docker("nas").inspectContainer(name).config.labels ?? [:]
        #expect(!labels.values.contains { $0.contains(second) })

        // Rolling back to revision 1 needs its value, which no record holds: refused while the repo has another,
        // done once the repo has it again (the value comes from the repo, matched by its fingerprint).
        let refused = try await repo.cli(["rollback", repo.stack("values"), "--to", "1"])
        #expect(refused.status != 0 && refused.output.contains("secret:token"), "\(refused.output)")
        try writeValueStack(repo, token: first)
        try repo.commit("token one again")
        let rollback = try await repo.cli(["rollback", repo.stack("values"), "--to", "1"])
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(try await repo.docker("nas").logs(name).contains(first + "welcome"))
    }
}
