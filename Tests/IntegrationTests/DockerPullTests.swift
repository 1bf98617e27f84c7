import Docker
import Foundation
import Synchronization
import Testing

@Suite("Docker client on the lab engines: pulls from the lab registry", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct DockerPullTests {
    @Test(arguments: ["iot", "modern"])
    func pullFromTheLabRegistry(host: String) async throws {
        let lab = try Lab.load()
        let docker = try lab.client(host)
        let registry = try lab.value("REGISTRY")
        let reference = registry + "/lab/app:2"
        try? await docker.removeImage(reference) // make it a real download
        let statuses = Mutex<[String]>([])
        try await docker.pullImage(reference) { item in
            statuses.withLock { $0.append(item.status ?? "") }
        }
        #expect(statuses.withLock { $0 }.contains { $0.hasPrefix("Status: Downloaded newer image") || $0.hasPrefix("Status: Image is up to date") })
        let image = try await docker.inspectImage(reference)
        #expect(image.repoDigests?.contains { $0.hasPrefix(registry + "/lab/app@sha256:") } == true)
        #expect(image.config?.healthcheck?.test == ["CMD", "/bin/healthcheck"])
        // The pulled image is lab/app:2: the lab loads the same image IDs into every engine.
        #expect(image.id == (try await docker.inspectImage("lab/app:2")).id)
    }

    @Test func tagGivesAnImageASecondName() async throws {
        let docker = try Lab.load().client("nas")
        let tag = "lab/app:" + Lab.uniqueName("tag")
        try await docker.tagImage("lab/app:1", as: tag)
        let tagged = try await docker.inspectImage(tag)
        try await docker.removeImage(tag)
        #expect(tagged.id == (try await docker.inspectImage("lab/app:1")).id)
        #expect(tagged.repoTags?.contains(tag) == true)
        let gone = await #expect(throws: DockerError.self) { try await docker.inspectImage(tag) }
        #expect(gone?.isNotFound == true)
    }

    /// The engine answers 200, downloads, finds the layer's digest wrong, and
    /// says so inside the stream; that must be a failure, not a success.
    @Test func corruptLayerIsAFailureInsideA200Stream() async throws {
        let lab = try Lab.load()
        let docker = try lab.client("iot")
        let error = await #expect(throws: DockerError.self) {
            try await docker.pullImage(try lab.value("REGISTRY") + "/lab/corrupt:1")
        }
        guard case .stream(let message)? = error?.kind else {
            Issue.record("expected an in-stream error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("filesystem layer verification failed"))
        #expect(error?.description.contains("iot (unix://") == true)
    }

    /// A missing tag is refused before the stream starts: a plain 404.
    @Test func missingTagIsAnAPIError() async throws {
        let lab = try Lab.load()
        let docker = try lab.client("iot")
        let error = await #expect(throws: DockerError.self) {
            try await docker.pullImage(try lab.value("REGISTRY") + "/lab/app:does-not-exist")
        }
        #expect(error?.isNotFound == true)
        #expect(error?.description.contains("manifest unknown") == true)
    }
}
