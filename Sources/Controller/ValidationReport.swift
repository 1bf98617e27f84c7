import Spec

/// The result of `reconcile validate`: every error, or a one-line summary.
public struct ValidationReport: Sendable, Codable, TextRenderable {
    public var valid: Bool
    public var hosts: Int
    public var stacks: Int
    public var services: Int
    public var errors: [String]
    public var diagnostics: [Diagnostic]

    public init(_ result: LoadResult) {
        valid = !result.hasErrors
        let stacks = result.repository?.stacks ?? result.validStacks
        hosts = result.repository?.hosts.count ?? 0
        self.stacks = stacks.count
        services = stacks.reduce(0) { $0 + $1.services.count }
        diagnostics = result.diagnostics
        errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    public func renderText() -> String {
        guard valid else {
            let body = diagnostics.map(\.rendered).joined(separator: "\n")
            return body + "\n\(errors.count) error\(errors.count == 1 ? "" : "s")\n"
        }
        let warnings = diagnostics.map { $0.rendered + "\n" }.joined()
        return warnings + "ok: \(hosts) host\(hosts == 1 ? "" : "s"), \(stacks) stack\(stacks == 1 ? "" : "s"), "
            + "\(services) service\(services == 1 ? "" : "s")\n"
    }
}
