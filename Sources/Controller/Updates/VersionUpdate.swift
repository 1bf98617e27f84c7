import Spec
import Versions

/// A newer version a service's policy allows: what a commit will change, and how the policy wants it applied.
public struct VersionUpdate: Sendable, Equatable, Codable {
    public var stack: String
    public var service: String
    /// The image without its tag, as the compose file writes it (`ghcr.io/org/app`).
    public var image: String
    public var current: String
    public var candidate: String
    public var step: VersionStep
    public var approval: UpdatePolicy.Approval

    public init(stack: String, service: String, image: String, current: String, candidate: String,
                step: VersionStep, approval: UpdatePolicy.Approval) {
        self.stack = stack
        self.service = service
        self.image = image
        self.current = current
        self.candidate = candidate
        self.step = step
        self.approval = approval
    }

    /// `web: ghcr.io/org/app 1.4.2 → 1.5.0 (minor)`: the commit's subject.
    public var summary: String { "\(service): \(image) \(current) → \(candidate) (\(step.rawValue))" }
}
