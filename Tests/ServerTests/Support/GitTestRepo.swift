import Foundation
import Server

/// A git work tree with a bare `origin` in a temp dir; each commit is pushed at once.
struct GitTestRepo {
    let root: URL
    let git = GitRunner()
    var bare: URL { root.appendingPathComponent("origin.git") }
    var work: URL { root.appendingPathComponent("work") }

    /// A repo with only `hosts/nas.yaml`.
    static func make(hosts: String) async throws -> GitTestRepo {
        let repo = try await make(copying: nil)
        try repo.write("hosts/nas.yaml", hosts)
        return repo
    }

    /// A repo whose work tree starts as a copy of `fixture`.
    static func make(copying fixture: URL?) async throws -> GitTestRepo {
        let repo = GitTestRepo(root: FileManager.default.temporaryDirectory.appendingPathComponent("servertests-git-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: repo.root, withIntermediateDirectories: true)
        if let fixture {
            try FileManager.default.copyItem(at: fixture, to: repo.work)
        } else {
            try FileManager.default.createDirectory(at: repo.work, withIntermediateDirectories: true)
        }
        try await repo.git.run(["init", "--quiet", "--bare", "--initial-branch=main", repo.bare.path])
        try await repo.git.run(["init", "--quiet", "--initial-branch=main"], in: repo.work)
        try await repo.git.run(["remote", "add", "origin", repo.bare.path], in: repo.work)
        return repo
    }

    func write(_ path: String, _ text: String) throws {
        let url = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func commitAndPush(_ message: String) async throws -> String {
        try await git.run(["add", "-A"], in: work)
        try await git.run(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", message],
                          in: work)
        try await git.run(["push", "--quiet", "origin", "HEAD:main"], in: work)
        return try await git.run(["rev-parse", "HEAD"], in: work).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
