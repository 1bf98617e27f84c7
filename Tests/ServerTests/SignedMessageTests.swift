import Foundation
import Logging
import Store
import Testing
@testable import Server

/// The one message format of every trigger channel, and the one place its freshness and replays are judged.
struct SignedMessageTests {
    static let secret = Secret("shared-secret")
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func verifier(store: Store? = nil) async -> MessageVerifier {
        let replays = await ReplayGuard(store: store, logger: .init(label: "test"))
        return MessageVerifier(secret: secret, replays: replays, now: { now })
    }

    static func body(_ message: SignedMessage) -> Data { Data(message.json.utf8) }

    @Test func signedGitMessageCountsOnceAndKeepsItsFields() async throws {
        let message = SignedMessage.signed(event: .git, ref: "main", commit: "abc123", at: Self.now, id: "m1",
                                           secret: Self.secret)
        let verifier = await Self.verifier()
        let parsed = try await verifier.verify(Self.body(message)).get()
        #expect(parsed == message)
        #expect(parsed.commit == "abc123" && parsed.ref == "main")
        #expect(await verifier.verify(Self.body(message)) == .failure(.replayed))
    }

    @Test func imageMessageRoundTripsThroughJSON() throws {
        let message = SignedMessage.signed(event: .image, image: "ghcr.io/org/app", tag: "1.5", digest: "sha256:" + String(repeating: "a", count: 64),
                                           at: Self.now, id: "i1", secret: Self.secret)
        #expect(try SignedMessage.parse(Self.body(message)).get() == message)
        #expect(message.imageReference == "ghcr.io/org/app:1.5")
        #expect(message.json.hasPrefix(#"{"digest":"sha256:"#))
    }

    @Test(arguments: [
        ("127.0.0.1:5000/lab/app:2", "127.0.0.1:5000/lab/app", "2"),
        ("127.0.0.1:5000/lab/app", "127.0.0.1:5000/lab/app", nil),
        ("ghcr.io/org/app:1.5@sha256:ab", "ghcr.io/org/app", "1.5"),
    ] as [(String, String, String?)])
    func splitsImageReferences(reference: String, image: String, tag: String?) {
        let split = SignedMessage.splitImage(reference)
        #expect(split.image == image && split.tag == tag)
    }

    @Test func refusesEachKindOfBadMessageByName() async throws {
        let verifier = await Self.verifier()
        let good = SignedMessage.signed(event: .git, ref: "main", at: Self.now, id: "r1", secret: Self.secret)
        var unsigned = good
        unsigned.signature = ""
        #expect(await verifier.verify(Self.body(unsigned)) == .failure(.unsigned))
        let forged = SignedMessage.signed(event: .git, ref: "main", at: Self.now, id: "r2", secret: Secret("guess"))
        #expect(await verifier.verify(Self.body(forged)) == .failure(.badSignature))
        var tampered = good
        tampered.ref = "production"
        #expect(await verifier.verify(Self.body(tampered)) == .failure(.badSignature))
        let old = SignedMessage.signed(event: .git, at: Self.now.addingTimeInterval(-301), id: "r3", secret: Self.secret)
        #expect(await verifier.verify(Self.body(old)) == .failure(.stale))
        let future = SignedMessage.signed(event: .git, at: Self.now.addingTimeInterval(301), id: "r4", secret: Self.secret)
        #expect(await verifier.verify(Self.body(future)) == .failure(.stale))
        let edge = SignedMessage.signed(event: .git, at: Self.now.addingTimeInterval(-300), id: "r5", secret: Self.secret)
        #expect(try await verifier.verify(Self.body(edge)).get().id == "r5")
        #expect(await verifier.verify(Data("not json".utf8)) == .failure(.malformed))
        #expect(await verifier.verify(Data(#"{"event":"deploy","id":"x","timestamp":1}"#.utf8)) == .failure(.malformed))
        let newline = Data(#"{"event":"git","ref":"a\nb","id":"x","timestamp":1790000000,"signature":"sha256=00"}"#.utf8)
        #expect(await verifier.verify(newline) == .failure(.malformed))
        // The forged and stale ones used no id up: the real sender may still use r2.
        let late = SignedMessage.signed(event: .git, at: Self.now, id: "r2", secret: Self.secret)
        #expect(try await verifier.verify(Self.body(late)).get().id == "r2")
    }

    @Test func usedIdsSurviveARestartForTheWindow() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.db")
        let message = SignedMessage.signed(event: .git, at: Self.now, id: "persist-1", secret: Self.secret)
        do {
            let store = try Store(path: path)
            #expect(try await Self.verifier(store: store).verify(Self.body(message)).get().id == "persist-1")
        }
        let reopened = try Store(path: path)
        #expect(await Self.verifier(store: reopened).verify(Self.body(message)) == .failure(.replayed))
    }

    @Test func idsOutsideTheWindowAreForgottenButStillRefusedAsStale() async {
        let replays = await ReplayGuard(store: nil, logger: .init(label: "test"))
        #expect(await replays.admit(id: "a", timestamp: 1000, now: Date(timeIntervalSince1970: 1000)) == nil)
        #expect(await replays.admit(id: "b", timestamp: 1400, now: Date(timeIntervalSince1970: 1400)) == nil)
        #expect(await replays.remembers("a") == false)
        #expect(await replays.admit(id: "a", timestamp: 1000, now: Date(timeIntervalSince1970: 1400)) == .stale)
        #expect(await replays.admit(id: "b", timestamp: 1400, now: Date(timeIntervalSince1970: 1401)) == .replayed)
    }
}
