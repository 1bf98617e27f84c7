import Basics
import FoundationEssentials
import Spec
import YAML

/// Which repository a checkout is, labelled `reconcile.repository` on everything it creates, so that a pass
/// prunes only what its own repository made.
///
/// Two clones of one repository must agree and two different repositories must not: `repository:` in
/// `reconcile.yaml` when it is set (a name the owner chooses, for a repository that is not in git or whose
/// history was rewritten), else `git:<hash>` of the root commit reached by first parents from `HEAD` (every
/// clone has it; merging another history later does not change it). A checkout with neither has no identity:
/// it creates and updates its declared stacks, but removes no departed stack, since it cannot prove it
/// created one.
public struct RepositoryIdentity: Sendable, Hashable, CustomStringConvertible {
    public var value: String

    public var description: String { value }

    /// The identity of the checkout at `root`; nil when it has none. Throws a positioned diagnostic for a
    /// `repository:` value that cannot be a label.
    public static func resolve(root: URL) async throws(IdentityError) -> RepositoryIdentity? {
        if let named = try named(root: root) { return named }
        let git = GitCheckout(directory: root)
        guard let lines = await git.run(["rev-list", "--max-parents=0", "--first-parent", "HEAD"]),
              let first = lines.split(separator: "\n").first.map(String.init)?.trimmingWhitespaceAndNewlines(),
              !first.isEmpty else { return nil }
        return RepositoryIdentity(value: "git:" + first)
    }

    /// `repository:` from `reconcile.yaml`, if the file sets it.
    static func named(root: URL) throws(IdentityError) -> RepositoryIdentity? {
        let path = root.appendingPathComponent("reconcile.yaml").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let document: YAMLNode?
        do { document = try YAMLParser.parseFile(at: path, displayPath: "reconcile.yaml") } catch {
            throw IdentityError(location: error.mark,
                                message: error.message)
        }
        guard let node = document?["repository"], !node.isNull else { return nil }
        let mark = node.mark
        guard let text = node.scalar?.value, Self.isValidName(text) else {
            throw IdentityError(location: mark,
                                message: "repository must be a name of 1–63 letters, digits, `.`, `_` or `-` "
                                    + "(e.g. `repository: homelab`); every clone of this repository must use the same one")
        }
        return RepositoryIdentity(value: text)
    }

    static func isValidName(_ text: String) -> Bool {
        !text.isEmpty && text.count < 64 && !text.hasPrefix("git:")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0)
                || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }
    }
}

/// A `repository:` in `reconcile.yaml` that cannot be used, with its position.
public struct IdentityError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public var description: String { "\(location.file):\(location.line):\(location.column): error: \(message)" }

    /// As `validate` and a refused pass print it: with the line and a caret.
    public func diagnostic(root: URL) -> Diagnostic {
        let text = FileManager.default.contents(atPath: root.appendingPathComponent(location.file).path)
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Diagnostic(location: location, message: message, sourceLine: Self.line(location.line, of: text))
    }

    static func line(_ number: Int, of text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? String(lines[number - 1]) : nil
    }
}
