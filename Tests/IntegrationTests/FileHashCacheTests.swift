@testable import Controller
import Foundation
import Testing

/// Issue 17, point 6: an unchanged checkout is not read again; a changed file is, and only it.
struct FileHashCacheTests {
    @Test func unchangedFilesAreNotReadAgainAndAChangedOneIs() throws {
        let root = try TarArchiveTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try TarArchiveTests.sampleTree(in: root)
        let site = root.appendingPathComponent("site").path
        let cache = FileHashCache()

        let first = try RepoContent.fingerprints(site, root: root.path, cache: cache)
        let readsAfterFirst = cache.fileReads
        #expect(readsAfterFirst == 3, "index.html, run.sh and the deep file")
        // What the cache gives is what reading everything gives.
        let full = try RepoContent.read(site, root: root.path)
        #expect(Dictionary(uniqueKeysWithValues: full.entries.filter { $0.kind != .directory }.map { ($0.path, $0.fingerprint) })
            == first.1)

        #expect(try RepoContent.fingerprints(site, root: root.path, cache: cache).1 == first.1)
        #expect(cache.fileReads == readsAfterFirst, "nothing changed, nothing read")

        try Data("<p>changed, same folder</p>\n".utf8).write(to: root.appendingPathComponent("site/index.html"))
        let second = try RepoContent.fingerprints(site, root: root.path, cache: cache)
        #expect(cache.fileReads == readsAfterFirst + 1)
        #expect(second.1["index.html"] != first.1["index.html"])
        #expect(second.1["run.sh"] == first.1["run.sh"])
    }
}
