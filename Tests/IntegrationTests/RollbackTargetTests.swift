import Basics
import Foundation
import Planner
import Spec
import Store
import Testing
@testable import Controller

/// Rebuilding an earlier revision from history, without Docker: exact hashes, fingerprints, refusals.
@Suite("Rollback target rebuilt from history")
struct RollbackTargetTests {
    static let redactor = Redactor(keyBytes: Array(repeating: 3, count: 32))
    static let here = Basics.SourceLocation(file: "stacks/web/compose.yaml", line: 3, column: 3)
    static let imageV1 = "sha256:" + String(repeating: "1", count: 64)

    static func service(env: [String: String?], image: String = "lab/app:stable") -> ServiceSpec {
        var service = ServiceSpec(name: "app", image: image, source: here)
        service.environment = env
        service.command = ["httpd", "-f"]
        return service
    }

    static func stack(_ service: ServiceSpec) -> StackSpec {
        StackSpec(name: "web", projectName: "web", directory: "/repo/stacks/web", file: "stacks/web/compose.yaml",
                  services: [service], placement: .hosts(["nas"]), source: here, policySource: here)
    }

    static func desired(env: [String: String?], files: [String: String] = [:]) -> DesiredContainer {
        let service = service(env: env)
        return DesiredContainer(stack: stack(service), service: service, imageID: imageV1, repoFiles: files)
    }

    /// History as a pass leaves it: the redacted config by hash, and a revision naming the hash.
    static func recorded(_ old: DesiredContainer, in store: Store) async throws -> RevisionRecord {
        let hash = try #require(old.hash)
        try await store.saveServiceConfig(hash: hash, json: redactor.redactedJSON(old))
        let plan = StackPlan(stack: "web", spec: old.stack, actions: [
            PlannedAction(kind: .recreate, stack: "web", subject: "app", desired: old),
        ])
        let id = try await store.insertRevision(NewRevision(host: "nas", stack: "web", trigger: .manual,
                                                           startedAt: Date(), finishedAt: Date(), outcome: .applied,
                                                           spec: RecordedSpec.json(plan, redactor: redactor), digests: ["app": imageV1]))
        return try #require(try await store.revision(id: id))
    }

    static func store() throws -> Store {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rollback-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try Store(stateDirectory: dir)
    }

    @Test func unchangedValuesComeBackFromTheRepoAndHashExactly() async throws {
        let store = try Self.store()
        let old = Self.desired(env: ["TOKEN": "s3cret", "MODE": nil, "LEVEL": "info"])
        let revision = try await Self.recorded(old, in: store)
        #expect(RecordedSpec.hashes(revision.spec) == ["app": old.hash])
        #expect(!revision.spec.contains("s3cret"), "history keeps fingerprints only")

        // The repo moved on: a new variable, MODE gone, another image tag; the values that were there are unchanged.
        var now = Self.desired(env: ["TOKEN": "s3cret", "LEVEL": "info", "NEW": "x"])
        now.service.image = "lab/app:next"
        let target = try await RollbackTarget.load(revision, stack: now.stack, current: ["app": now], store: store, redactor: Self.redactor)
        let app = try #require(target.containers.first)
        #expect(app.hash == old.hash)
        let expected: [String: String?] = ["TOKEN": "s3cret", "MODE": String?.none, "LEVEL": "info"]
        #expect(app.service.environment == expected)
        #expect(app.service.image == "lab/app:stable")
        #expect(app.imageID == Self.imageV1)
    }

    @Test func changedValueIsRefusedByNameNeverByValue() async throws {
        let store = try Self.store()
        let revision = try await Self.recorded(Self.desired(env: ["TOKEN": "old-secret"]), in: store)
        let now = Self.desired(env: ["TOKEN": "new-secret"])
        do {
            _ = try await RollbackTarget.load(revision, stack: now.stack, current: ["app": now], store: store, redactor: Self.redactor)
            Issue.record("a changed secret must be refused")
        } catch let error as RollbackError {
            #expect(error.description.contains("environment TOKEN"))
            #expect(error.description.contains("its old value is not stored: secrets never are"))
            #expect(!error.description.contains("old-secret") && !error.description.contains("new-secret"))
        }
    }

    /// Issue 17, point 1: a value interpolated into the command comes back from the repo while it is the same,
    /// and is refused (never shown) once it changed.
    @Test func interpolatedValuesComeBackOrAreRefusedByFingerprint() async throws {
        func desired(password: String) -> DesiredContainer {
            var service = Self.service(env: [:])
            service.command = ["db", "--password=\(password)"]
            var stack = Self.stack(service)
            stack.secrets = [password]
            return DesiredContainer(stack: stack, service: service, imageID: Self.imageV1)
        }
        let store = try Self.store()
        let old = desired(password: "old-pass-value")
        let revision = try await Self.recorded(old, in: store)
        #expect(!revision.spec.contains("old-pass-value"))
        let same = desired(password: "old-pass-value")
        let target = try await RollbackTarget.load(revision, stack: same.stack, current: ["app": same], store: store,
                                                   redactor: Self.redactor)
        #expect(target.containers.first?.service.command == ["db", "--password=old-pass-value"])
        #expect(target.containers.first?.hash == old.hash)
        let changed = desired(password: "new-pass-value")
        do {
            _ = try await RollbackTarget.load(revision, stack: changed.stack, current: ["app": changed], store: store,
                                              redactor: Self.redactor)
            Issue.record("a changed interpolated value must be refused")
        } catch let error as RollbackError {
            #expect(error.description.contains("used an interpolated value (redacted:hmac:"), "\(error)")
            #expect(!error.description.contains("pass-value"))
        }
    }

    @Test func changedRepoFileIsRefused() async throws {
        let store = try Self.store()
        let revision = try await Self.recorded(Self.desired(env: [:], files: ["stacks/web/app.conf": "sha256:aa"]), in: store)
        let now = Self.desired(env: [:], files: ["stacks/web/app.conf": "sha256:bb"])
        await #expect(throws: RollbackError.self) {
            try await RollbackTarget.load(revision, stack: now.stack, current: ["app": now], store: store, redactor: Self.redactor)
        }
    }

    @Test func revisionWithoutHashesCannotBeRestoredExactly() async throws {
        let store = try Self.store()
        var old = try await Self.recorded(Self.desired(env: [:]), in: store)
        old.revision.spec = #"{"services": {"app": {"imageID": "sha256:1"}}}"#
        do {
            _ = try await RollbackTarget.load(old, stack: Self.desired(env: [:]).stack, current: [:], store: store, redactor: Self.redactor)
            Issue.record("a revision without hashes must be refused")
        } catch let error as RollbackError {
            #expect(error.description.contains("without config hashes"))
        }
    }
}
