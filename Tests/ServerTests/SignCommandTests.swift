import Crypto
import Foundation
import Logging
import Testing
@testable import Server

/// `reconcile sign`, the built binary, as CI runs it: its output is accepted by the daemon's verifier, and its
/// signature is the documented HMAC, recomputed here with nothing of reconcile's.
struct SignCommandTests {
    static var binary: String { Lab.packageRoot.appendingPathComponent(".build/debug/reconcile").path }

    static func secretFile(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sign-\(UUID().uuidString)")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func gitMessageIsAcceptedAndFollowsTheDocumentedFormat() async throws {
        let file = try Self.secretFile("from-ci\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await DaemonRollbackLockTests.cli(Self.binary, ["sign", "--secret-file", file.path, "--git",
                                                                         "--commit", "4f2a9c1"])
        #expect(result.status == 0, "\(result.output)")
        let body = Data(result.output.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let id = try #require(object["id"] as? String)
        let timestamp = try #require(object["timestamp"] as? Int)
        #expect(object["event"] as? String == "git" && object["ref"] as? String == "main")
        let text = "reconcile-trigger-v1\ngit\nmain\n4f2a9c1\n\n\n\n\(timestamp)\n\(id)"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data("from-ci".utf8)))
        #expect(object["signature"] as? String == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
        let verifier = MessageVerifier(secret: Secret("from-ci"),
                                       replays: await ReplayGuard(store: nil, logger: Logger(label: "test")))
        #expect(try await verifier.verify(body).get().commit == "4f2a9c1")
    }

    @Test func imageMessageSplitsTheReference() async throws {
        let file = try Self.secretFile("s")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await DaemonRollbackLockTests.cli(Self.binary, ["sign", "--secret-file", file.path, "--image",
                                                                         "127.0.0.1:5000/lab/app:2", "--digest", "sha256:ab"])
        let message = try SignedMessage.parse(Data(result.output.utf8)).get()
        #expect(message.image == "127.0.0.1:5000/lab/app" && message.tag == "2" && message.digest == "sha256:ab")
        #expect(message.isSigned(by: Secret("s")))
    }

    @Test(arguments: [
        (["--git", "--image", "a:1"], "give either --git or --image REF"),
        (["--git", "--digest", "sha256:ab"], "--digest goes with --image"),
        ([], "give either --git or --image REF"),
    ])
    func refusesMixedOrMissingEvents(arguments: [String], error: String) async throws {
        let file = try Self.secretFile("s")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await DaemonRollbackLockTests.cli(Self.binary, ["sign", "--secret-file", file.path] + arguments)
        #expect(result.status != 0)
        #expect(result.output.contains(error), "\(result.output)")
    }

    @Test func anUnreadableSecretFileSaysWhatToFix() async throws {
        let result = try await DaemonRollbackLockTests.cli(Self.binary, ["sign", "--secret-file", "/nonexistent/secret", "--git"])
        #expect(result.status != 0)
        #expect(result.output.contains("cannot read the secret file /nonexistent/secret"), "\(result.output)")
    }
}
