import Foundation
@testable import Registry
import Testing

/// Against the lab's real registry (`scripts/lab up`): the digest we read is the one it reports.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RECONCILE_LAB"] != nil, "needs RECONCILE_LAB (scripts/lab up)"))
struct LabRegistryTests {
    @Test func headsLabAppStable() async throws {
        let registry = try Self.labRegistry()
        let client = RegistryClient(logger: WatcherHarness.logger)
        let digest = try await client.digest(of: try ImageName(parsing: "\(registry)/lab/app:stable"))
        #expect(digest == (try Self.curlDigest("http://\(registry)/v2/lab/app/manifests/stable")))
        #expect(digest.hasPrefix("sha256:"))
    }

    @Test func tagsOneAndTwoDiffer() async throws {
        let registry = try Self.labRegistry()
        let client = RegistryClient(logger: WatcherHarness.logger)
        let one = try await client.digest(of: try ImageName(parsing: "\(registry)/lab/app:1"))
        let two = try await client.digest(of: try ImageName(parsing: "\(registry)/lab/app:2"))
        #expect(one != two)
        let missing = await client.headManifest(try ImageName(parsing: "\(registry)/lab/app:no-such-tag"))
        #expect(missing.error == .notFound(image: "\(registry)/lab/app:no-such-tag"))
    }

    /// `REGISTRY=` from `$RECONCILE_LAB/lab.env` (the lab's registry on loopback).
    static func labRegistry() throws -> String {
        let folder = ProcessInfo.processInfo.environment["RECONCILE_LAB"] ?? "/tmp/reconcile-lab"
        let env = try String(contentsOfFile: folder + "/lab.env", encoding: .utf8)
        let line = env.split(separator: "\n").first { $0.hasPrefix("REGISTRY=") }
        return try #require(line.map { String($0.dropFirst("REGISTRY=".count)) })
    }

    /// An independent oracle: the curl CLI's view of Docker-Content-Digest.
    static func curlDigest(_ url: String) throws -> String? {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sfI", "-H", "Accept: " + RegistryClient.acceptedMediaTypes.joined(separator: ", "), url]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("docker-content-digest:") }
            .map { $0.dropFirst("docker-content-digest:".count).trimmingCharacters(in: .whitespaces) }
    }
}
