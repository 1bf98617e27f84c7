import Controller
import Foundation
import Testing

/// Issue 15 on the lab: a stack that `include`s a file of another folder runs its services with that file's
/// repository files and variables, and an edit of the included file changes exactly the service it defines.
@Suite("include", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct IncludeTests {
    @Test func includedServiceRunsAndFollowsEditsOfItsFile() async throws {
        let repo = try TestRepo()
        defer { repo.cleanUp() }
        try repo.write("common/greeter/greeting.txt", "hello-from-include")
        try repo.write("common/greeter/.env", "WHO=common\n")
        let included = """
        services:
          greeter:
            image: lab/busybox:1
            command: ["sh", "-c", "cat /etc/greeting.txt; echo; echo who=$$WHO; touch /tmp/ready; sleep 3600"]
            healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s}
            volumes: ["./greeting.txt:/etc/greeting.txt"]
            environment: {WHO: "${WHO}", EDIT: "one"}
        """
        try repo.write("common/greeter/compose.yaml", included)
        try repo.writeStack("inc", """
        x-reconcile: {hosts: [nas], health: {min_ready: 1s}}
        include: [../../common/greeter/compose.yaml]
        services:
          app:
            image: lab/busybox:1
            command: sh -c "sleep 3600"
            depends_on: [greeter]
        """)
        try repo.commit("include")
        let first = try await repo.cli(["apply"])
        #expect(first.status == 0, "\(first.output)")
        let docker = try repo.docker("nas")
        let greeterName = "\(repo.stack("inc"))-greeter-1", appName = "\(repo.stack("inc"))-app-1"
        let greeter = try await docker.inspectContainer(greeterName)
        let app = try await docker.inspectContainer(appName)
        #expect(greeter.state.running && app.state.running)
        #expect(Set(greeter.config.env ?? []).isSuperset(of: ["WHO=common", "EDIT=one"]), "\(greeter.config.env ?? [])")
        let logs = try await docker.logs(greeterName)
        #expect(logs.contains("hello-from-include") && logs.contains("who=common"), "\(logs)")

        try repo.write("common/greeter/compose.yaml", included.replacingOccurrences(of: "EDIT: \"one\"", with: "EDIT: \"two\""))
        try repo.commit("edit the included file")
        let second = try await repo.cli(["apply"])
        #expect(second.status == 0, "\(second.output)")
        let edited = try await docker.inspectContainer(greeterName)
        #expect(edited.id != greeter.id && (edited.config.env ?? []).contains("EDIT=two"))
        #expect(try await docker.inspectContainer(appName).id == app.id)
    }
}
