import Docker
import Foundation
import Testing

@Suite("Docker client on the lab engines: archive, wait, logs", .enabled(if: Lab.isConfigured, Lab.skipReason))
struct DockerArchiveTests {
    /// A tar of one file, made by the system's tar.
    static func tar(file name: String, contents: String) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("it-tar-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(contents.utf8).write(to: dir.appendingPathComponent(name))
        let output = dir.appendingPathComponent("out.tar")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-C", dir.path, "-cf", output.path, name]
        try tar.run()
        tar.waitUntilExit()
        return try Data(contentsOf: output)
    }

    @Test func putArchiveThenWaitAndReadLogs() async throws {
        let docker = try Lab.load().client("iot")
        let name = Lab.uniqueName("arch")
        try await withCleanup(docker, containers: [name]) {
            try await docker.createContainer(name: name, ContainerCreateRequest(config: ContainerConfig(
                image: "lab/busybox:1", cmd: ["sh", "-c", "cat /etc/greeting; echo oops >&2; exit 3"])))
            try await docker.putArchive(name, path: "/etc", tar: try Self.tar(file: "greeting", contents: "hello from the repo\n"))
            do {
                // /etc/app does not exist yet: Docker refuses, and says so.
                try await docker.putArchive(name, path: "/etc/app", tar: try Self.tar(file: "greeting", contents: "x"))
                Issue.record("putArchive into a missing directory should fail")
            } catch let error as DockerError {
                #expect(error.isNotFound)
            }
            try await docker.startContainer(name)
            #expect(try await docker.waitContainer(name, timeout: .seconds(20)) == 3)
            let logs = try await docker.logs(name)
            #expect(logs.contains("hello from the repo\n"))
            #expect(logs.contains("oops\n"))
        }
    }
}
