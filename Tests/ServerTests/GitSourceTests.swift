import Foundation
import Logging
import Testing
@testable import Server

/// `GitSource` against a real bare repository in a temp dir (the `git` binary, no network).
@Suite(.serialized) struct GitSourceTests {
    static let quiet: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()

    @Test func goodCommitsMoveTheLiveCheckoutAndBadOnesDoNot() async throws {
        let repo = try await GitTestRepo.make(copying: Fixtures.repo)
        defer { repo.remove() }
        let git = GitRunner()
        let good = try await repo.commitAndPush("good")
        let source = GitSource(url: repo.bare.path, branch: "main", stateDirectory: repo.root.appendingPathComponent("state"),
                               environment: [:], logger: Self.quiet)
        #expect(await source.passDirectory() == nil)
        #expect(try await source.remoteMoved())
        #expect(try await source.update() == .updated(commit: good))
        let live = try #require(await source.passDirectory())
        #expect(try await !source.remoteMoved())
        #expect(try await source.update() == .unchanged)

        // A broken host file belongs to no stack: the whole commit is refused.
        let original = try String(contentsOf: repo.work.appendingPathComponent("hosts/nas.yaml"), encoding: .utf8)
        try repo.write("hosts/nas.yaml", "endpoint: [\n")
        let bad = try await repo.commitAndPush("bad")
        #expect(try await source.remoteMoved())
        guard case .invalid(let invalid) = try await source.update() else { Issue.record("bad commit accepted"); return }
        #expect(invalid.commit == bad)
        #expect(!invalid.errors.isEmpty)
        #expect(invalid.heldStacks == nil)
        let head = try await git.run(["rev-parse", "HEAD"], in: live).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head == good)  // passes keep reading the last good commit
        #expect(try String(contentsOf: live.appendingPathComponent("hosts/nas.yaml"), encoding: .utf8) == original)

        try repo.write("hosts/nas.yaml", original + "\n")
        let fixed = try await repo.commitAndPush("fixed")
        #expect(try await source.update() == .updated(commit: fixed))
        #expect(try await git.run(["rev-parse", "HEAD"], in: live).hasPrefix(fixed))
    }

    /// Design invariant 3: a commit whose errors are all one stack's moves the live checkout; that stack is held.
    @Test func aCommitWithABrokenStackIsAppliedForTheOthers() async throws {
        let repo = try await GitTestRepo.make(copying: Fixtures.repo)
        defer { repo.remove() }
        let git = GitRunner()
        _ = try await repo.commitAndPush("good")
        let source = GitSource(url: repo.bare.path, branch: "main", stateDirectory: repo.root.appendingPathComponent("state"),
                               environment: [:], logger: Self.quiet)
        _ = try await source.update()
        let live = try #require(await source.passDirectory())

        try repo.write("stacks/shop/compose.yaml", "services: [\n")
        let broken = try await repo.commitAndPush("shop broken")
        guard case .held(let commit, let held) = try await source.update() else { Issue.record("not held"); return }
        #expect(commit == broken)
        #expect(held.commit == broken)
        #expect(held.heldStacks?.keys.sorted() == ["shop"])
        #expect(held.heldStacks?["shop"]?.hasPrefix("stacks/shop/compose.yaml:2:1: error: ") == true, "\(held)")
        #expect(held.errors.allSatisfy { $0.hasPrefix("stacks/shop/compose.yaml:") })
        #expect(try await git.run(["rev-parse", "HEAD"], in: live).hasPrefix(broken), "live moved to the new commit")
    }

    @Test func unreachableRemoteIsAnActionableError() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("servertests-missing-\(UUID().uuidString)")
        let source = GitSource(url: root.appendingPathComponent("missing.git").path, branch: "main",
                               stateDirectory: root.appendingPathComponent("state"), environment: [:], logger: Self.quiet)
        do {
            _ = try await source.update()
            Issue.record("expected a failure")
        } catch let error as DaemonError {
            #expect("\(error)".contains("git clone"))
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// Issue 17, point 5: credentials in a `--git` URL are never shown: not in the status label, not in git's errors.
    @Test func credentialsInTheURLAreNeverShown() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("servertests-creds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // Port 9 on loopback: nothing listens, the clone fails at once.
        let source = GitSource(url: "http://deploy:tok3n-s3cret@127.0.0.1:9/homelab.git", branch: "main",
                               stateDirectory: root.appendingPathComponent("state"), environment: [:], logger: Self.quiet)
        #expect(source.label == "http://127.0.0.1:9/homelab.git (main)")
        do {
            _ = try await source.update()
            Issue.record("expected a failure")
        } catch {
            #expect("\(error)".contains("git clone"), "\(error)")
            #expect(!"\(error)".contains("tok3n"), "\(error)")
        }
        do {
            _ = try await source.remoteMoved()
            Issue.record("expected a failure")
        } catch {
            #expect(!"\(error)".contains("tok3n"), "\(error)")
        }
    }
}
