import Foundation

/// A throwaway repository layout (`hosts/`, `stacks/`) in a temp folder, built from strings and fixtures.
struct TestRepository {
    let root: URL

    init(hosts: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("hosts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("stacks"), withIntermediateDirectories: true)
        for (name, text) in hosts {
            try write("hosts/\(name).yaml", text)
        }
    }

    /// Fixture folder inside the test bundle.
    static func fixture(_ path: String) throws -> URL {
        guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return base.appendingPathComponent(path)
    }

    /// Copies a fixture folder to `stacks/<name>` and returns its absolute URL.
    @discardableResult
    func addStack(name: String, fixture: String) throws -> URL {
        let destination = root.appendingPathComponent("stacks/\(name)")
        try FileManager.default.copyItem(at: try Self.fixture(fixture), to: destination)
        return destination
    }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
