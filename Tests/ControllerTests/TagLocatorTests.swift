import Controller
import Foundation
import Spec
import Testing

/// Where a tag is written, and an edit that changes only its bytes (issue 19).
@Suite struct TagLocatorTests {
    let root: URL
    let stack: StackSpec

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tag-locator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("stacks/web"), withIntermediateDirectories: true)
        stack = StackSpec(name: "web", projectName: "web", directory: root.appendingPathComponent("stacks/web").path,
                          file: "stacks/web/compose.yaml", services: [], placement: nil,
                          source: .file("stacks/web/compose.yaml"), policySource: .file("stacks/web/compose.yaml"))
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test(arguments: [
        ("    image: ghcr.io/org/app:1.4.2 # pinned", "    image: ghcr.io/org/app:1.5.0 # pinned", 28),
        ("    image: \"ghcr.io/org/app:1.4.2\"   # quoted", "    image: \"ghcr.io/org/app:1.5.0\"   # quoted", 29),
        ("    image: 'registry:5000/app:1.4.2'", "    image: 'registry:5000/app:1.5.0'", 31),
        ("    image: ghcr.io/org/app:${TAG:-1.4.2}", "    image: ghcr.io/org/app:${TAG:-1.5.0}", 35),
    ])
    func literalTagIsReplacedByteForByte(line: String, expected: String, column: Int) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let head = "# Ünïcode comment\nservices:\n  web:\n"
        try write("stacks/web/compose.yaml", head + line + "\n    restart: always\n")
        let location = try TagLocator.locate(tag: "1.4.2", service: "web", stack: stack, root: root)
        #expect(location.line == 4 && location.column == column, "\(location)")
        try location.replace(with: "1.5.0", root: root)
        #expect(try read("stacks/web/compose.yaml") == head + expected + "\n    restart: always\n")
    }

    @Test func tagInDotEnvIsEditedThere() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let compose = "services:\n  web:\n    image: \"ghcr.io/org/app:${APP_TAG}\"\n"
        try write("stacks/web/compose.yaml", compose)
        try write("stacks/web/.env", "# versions\nexport OTHER=1.4.2\nAPP_TAG=\"1.4.2\"  # app\n")
        let location = try TagLocator.locate(tag: "1.4.2", service: "web", stack: stack, root: root)
        #expect(location.description == "stacks/web/.env:3:10" && location.variable == "APP_TAG")
        try location.replace(with: "1.5.0", root: root)
        #expect(try read("stacks/web/.env") == "# versions\nexport OTHER=1.4.2\nAPP_TAG=\"1.5.0\"  # app\n")
        #expect(try read("stacks/web/compose.yaml") == compose)
    }

    @Test func wholeImageInDotEnvKeepsItsName() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("stacks/web/compose.yaml", "services:\n  web: {image: $IMAGE}\n")
        try write("stacks/web/.env", "IMAGE=ghcr.io/org/app:1.4.2\n")
        let location = try TagLocator.locate(tag: "1.4.2", service: "web", stack: stack, root: root)
        try location.replace(with: "1.5.0", root: root)
        #expect(try read("stacks/web/.env") == "IMAGE=ghcr.io/org/app:1.5.0\n")
    }

    @Test func unknownPlacesAreErrorsThatSayWhatToDo() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("stacks/web/compose.yaml", "services:\n  web:\n    extends: {file: base.yaml, service: web}\n")
        #expect(throws: TagEditError.self) { try TagLocator.locate(tag: "1.4.2", service: "web", stack: stack, root: root) }
        try write("stacks/web/compose.yaml", "services:\n  web: {image: \"ghcr.io/org/app:${TAG}\"}\n")
        do {
            _ = try TagLocator.locate(tag: "1.4.2", service: "web", stack: stack, root: root)
            Issue.record("a tag from nowhere was located")
        } catch {
            #expect(error.description.hasPrefix("stacks/web/compose.yaml:2:16: "))
            #expect(error.description.contains("update it by hand"))
        }
    }

    @Test func aFileChangedSinceLocatingIsNotOverwritten() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("stacks/web/compose.yaml", "services:\n  web: {image: app:1.4.2}\n")
        let location = try TagLocator.locate(tag: "1.4.2", service: "web", stack: stack, root: root)
        try write("stacks/web/compose.yaml", "services:\n  web: {image: app:1.4.3}\n")
        #expect(throws: TagEditError.self) { try location.replace(with: "1.5.0", root: root) }
        #expect(try read("stacks/web/compose.yaml") == "services:\n  web: {image: app:1.4.3}\n")
    }
}
