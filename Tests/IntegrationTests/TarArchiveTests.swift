@testable import Controller
import Foundation
import Spec
import Testing

/// The tar writer and content reader behind file shipping, checked against the system's `tar` (no lab needed).
struct TarArchiveTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tar-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A folder with a nested file, an executable script, a symlink and a path longer than ustar's 100 bytes.
    static func sampleTree(in root: URL) throws -> String {
        let deep = String(repeating: "d", count: 60) + "/" + String(repeating: "e", count: 60)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site/\(deep)"), withIntermediateDirectories: true)
        try Data("<p>hi</p>\n".utf8).write(to: root.appendingPathComponent("site/index.html"))
        try Data("#!/bin/sh\necho run\n".utf8).write(to: root.appendingPathComponent("site/run.sh"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent("site/run.sh").path)
        try Data("deep\n".utf8).write(to: root.appendingPathComponent("site/\(deep)/file.txt"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site/.git"), withIntermediateDirectories: true)
        try Data("ref: refs/heads/main\n".utf8).write(to: root.appendingPathComponent("site/.git/HEAD"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("site/home.html").path,
                                                   withDestinationPath: "index.html")
        return deep
    }

    @Test func systemTarUnpacksWhatWeWrite() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let deep = try Self.sampleTree(in: root)
        let content = try RepoContent.read(root.appendingPathComponent("site").path)
        #expect(content.isDirectory)
        let archive = root.appendingPathComponent("out.tar"), unpacked = root.appendingPathComponent("unpacked")
        try TarArchive(content.entries).bytes.write(to: archive)
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let result = try run("/usr/bin/env", ["tar", "-xf", archive.path, "-C", unpacked.path])
        #expect(result.status == 0, "\(result.output)")

        let read = { (path: String) in try String(contentsOf: unpacked.appendingPathComponent(path), encoding: .utf8) }
        #expect(try read("index.html") == "<p>hi</p>\n")
        #expect(try read("\(deep)/file.txt") == "deep\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: unpacked.appendingPathComponent("home.html").path) == "index.html")
        let mode = try FileManager.default.attributesOfItem(atPath: unpacked.appendingPathComponent("run.sh").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(!FileManager.default.fileExists(atPath: unpacked.appendingPathComponent(".git").path), "git's database is never shipped")
    }

    @Test func hashFollowsContentAndModeOnly() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.sampleTree(in: root)
        let site = root.appendingPathComponent("site").path
        let original = try RepoContent.read(site)
        #expect(try RepoContent.read(site).hash == original.hash)
        #expect(TarArchive(original.entries).bytes == TarArchive(try RepoContent.read(site).entries).bytes)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: site + "/run.sh")
        let modeChanged = try RepoContent.read(site)
        #expect(modeChanged.hash != original.hash)
        try Data("<p>changed</p>\n".utf8).write(to: URL(fileURLWithPath: site + "/index.html"))
        #expect(try RepoContent.read(site).hash != modeChanged.hash)

        let file = try RepoContent.read(site + "/index.html")
        #expect(!file.isDirectory && file.fileName == "index.html" && file.entries.count == 1)
    }

    @Test func missingSourceIsAnErrorNamingIt() {
        #expect(throws: RepoFileError.self) { try RepoContent.read("/nonexistent-\(UUID().uuidString)") }
    }

    /// A copied-in secret's `uid`/`gid` are the entry's numeric owner; ids past ustar's 7 octal digits go in PAX.
    @Test(arguments: [(1000, 1001), (3_000_000, 0)])
    func injectedFilesCarryTheirOwner(uid: Int, gid: Int) throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = InjectedFile(name: "secret:pw", target: "/run/secrets/pw", mode: 0o440, uid: uid, gid: gid, content: "x")
        let archive = root.appendingPathComponent("out.tar")
        try TarArchive(injected: [file]).bytes.write(to: archive)
        let listing = try run("/usr/bin/env", ["tar", "--numeric-owner", "-tvf", archive.path])
        #expect(listing.status == 0 && listing.output.contains("r--r----- \(uid)/\(gid) "), "\(listing.output)")
        #expect(listing.output.contains("run/secrets/pw"))
    }
}
