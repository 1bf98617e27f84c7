import Docker
import Foundation
import Testing

@Suite("Docker client on the lab engines: events", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct DockerEventsTests {
    @Test(arguments: LabEngine.allCases)
    func startEventArrives(engine: LabEngine) async throws {
        let docker = try Lab.load().client(engine.labHost)
        let name = Lab.uniqueName("ev")
        let since = Date()
        try await withCleanup(docker, containers: [name]) {
            let watcher = Task { () throws -> DockerEvent? in
                let filters = DockerFilters.label("reconcile.test", name).adding("type", "container")
                for try await event in docker.events(filters: filters, since: since) where event.action == "start" {
                    return event
                }
                return nil
            }
            let id = try await docker.createContainer(name: name, ContainerCreateRequest(
                config: ContainerConfig(image: "lab/app:1", labels: ["reconcile.test": name])))
            try await docker.startContainer(id)
            let timeout = Task {
                try await Task.sleep(for: .seconds(15))
                watcher.cancel()
            }
            let event = try await watcher.value
            timeout.cancel()
            #expect(event?.actor.id == id)
            #expect(event?.actor.attributes?["name"] == name)
            #expect(event?.type == "container")
        }
    }

    @Test func cancellingEndsASilentStreamPromptly() async throws {
        let docker = try Lab.load().client("nas")
        let nothing = DockerFilters.label("reconcile.test", Lab.uniqueName("never"))
        let watcher = Task {
            var count = 0
            for try await _ in docker.events(filters: nothing) { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(500))
        let clock = ContinuousClock()
        let start = clock.now
        watcher.cancel()
        _ = try? await watcher.value
        // A silent stream never ends by itself: ending at all, well within this, is the cancellation working.
        #expect(clock.now - start < .seconds(10))
        // The client still works afterwards.
        #expect(try await docker.ping() == APIVersion(major: 1, minor: 41))
    }
}
