import Foundation

/// A fresh folder under the system temp dir, removed when the test drops it.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("reconcile-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The default database file inside this folder.
    var databaseURL: URL { url.appendingPathComponent("reconcile.sqlite") }

    /// A path inside this folder.
    func appending(_ component: String) -> URL {
        url.appendingPathComponent(component)
    }
}
