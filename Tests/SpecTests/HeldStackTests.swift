import Basics
import Foundation
import Testing
@testable import Spec

/// A checkout whose errors all belong to stacks is applied without them (design invariants 3 and 5); any
/// other error still refuses the whole checkout.
struct HeldStackTests {
    static let lab = "endpoint: unix:///var/run/docker.sock\n"
    static let good = "x-reconcile: {hosts: [nas]}\nservices:\n  s: {image: busybox:1}\n"

    private func repository(_ stacks: [String: String], hosts: [String: String] = ["nas": lab]) throws -> TestRepository {
        let repo = try TestRepository(hosts: hosts)
        for (name, text) in stacks { try repo.write("stacks/\(name)/compose.yaml", text) }
        return repo
    }

    @Test func aYAMLErrorHoldsOnlyItsStackWithTheFilePosition() throws {
        let repo = try repository(["web": Self.good, "db": "x-reconcile: {hosts: [nas]}\nservices:\n  s: {image: [busybox\n"])
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(result.hasErrors, "validate still fails")
        let repository = try #require(result.repository, "\(result.renderedDiagnostics)")
        #expect(repository.stacks.map(\.name) == ["web"])
        #expect(repository.heldStacks.keys.sorted() == ["db"])
        let first = try #require(repository.heldStackErrors["db"])
        #expect(first.hasPrefix("stacks/db/compose.yaml:4:1: error: "), "\(first)")
    }

    @Test func anErrorInAHostFileRefusesEverything() throws {
        let repo = try repository(["web": Self.good], hosts: ["nas": Self.lab, "iot": "endpoint: [\n"])
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(result.hasErrors)
        #expect(result.repository == nil)
        #expect(result.validStacks.map(\.name) == ["web"])
    }

    @Test func aHostListingAStackThatDoesNotExistRefusesEverything() throws {
        let repo = try repository(["web": Self.good], hosts: ["nas": "endpoint: unix:///var/run/docker.sock\nstacks: [gone]\n"])
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(result.diagnostics.contains { $0.severity == .error && $0.location.file == "hosts/nas.yaml" })
        #expect(result.repository == nil)
    }

    @Test func errorsInTwoStacksHoldBothAndKeepTheRest() throws {
        let repo = try repository(["web": Self.good, "a": "services:\n  s: {image: busybox:1, bogus: 1}\n",
                                   "b": "x-reconcile: {hosts: [nowhere]}\nservices:\n  s: {image: busybox:1}\n"])
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        let repository = try #require(result.repository, "\(result.renderedDiagnostics)")
        #expect(repository.stacks.map(\.name) == ["web"])
        #expect(repository.heldStacks.keys.sorted() == ["a", "b"])
        #expect(repository.heldStackErrors["b"]?.contains("unknown host `nowhere`") == true)
    }

    @Test func anInvalidStackFolderNameRefusesEverything() throws {
        let repo = try repository(["web": Self.good, "Bad Name": Self.good])
        defer { repo.remove() }
        let result = RepositoryLoader.load(root: repo.root.path, environment: [:])
        #expect(result.hasErrors)
        #expect(result.repository == nil)
    }

    @Test func aStackThatDroppedOutWithoutAnErrorOfItsOwnRefusesEverything() {
        let attribution = HeldStackAttribution(knownStacks: ["web", "db", "cache"], validStacks: ["web"])
        let error = Diagnostic(location: Basics.SourceLocation(file: "stacks/db/compose.yaml", line: 2, column: 3), message: "bad")
        // `cache` is neither valid nor named by an error: left out, it would look departed.
        #expect(attribution.heldStacks([error], attributed: [:]) == nil)
        let cacheError = Diagnostic(location: Basics.SourceLocation(file: "stacks/web/compose.yaml", line: 5, column: 5), message: "clash")
        let held = attribution.heldStacks([error, cacheError], attributed: [cacheError: ["cache"]])
        #expect(held?.keys.sorted() == ["cache", "db", "web"])
    }

    @Test func onlyErrorsHoldAndOnlyStackFoldersAttribute() {
        let attribution = HeldStackAttribution(knownStacks: ["web"], validStacks: ["web"])
        let warning = Diagnostic(location: .file("reconcile.yaml"), message: "old key", severity: .warning)
        #expect(attribution.heldStacks([warning], attributed: [:]) == [:])
        #expect(attribution.folderStack(of: "stacks/web") == "web")
        #expect(attribution.folderStack(of: "stacks/web/config/app.conf") == "web")
        #expect(attribution.folderStack(of: "stacksx/web/compose.yaml") == nil)
        #expect(attribution.folderStack(of: "hosts/nas.yaml") == nil)
        let outside = Diagnostic(location: .file("common/base.yaml"), message: "bad")
        #expect(attribution.heldStacks([outside], attributed: [:]) == nil)
        #expect(attribution.heldStacks([outside], attributed: [outside: ["web"]])?.keys.sorted() == ["web"])
    }
}
