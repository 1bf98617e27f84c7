import Basics
import Planner
import Spec

/// Small builders so each test reads as "this repo, this host state → these actions".
enum Fixture {
    static let here = SourceLocation(file: "stacks/web/compose.yaml", line: 1, column: 1)

    static func service(_ name: String, image: String = "lab/app:stable",
                        env: [String: String?] = [:], dependsOn: [String] = []) -> ServiceSpec {
        var s = ServiceSpec(name: name, image: image, source: here)
        s.environment = env
        s.dependsOn = Dictionary(uniqueKeysWithValues: dependsOn.map { ($0, DependsOn()) })
        return s
    }

    static func stack(_ name: String, _ services: [ServiceSpec], prune: Bool = true) -> StackSpec {
        StackSpec(name: name, projectName: name, directory: "/repo/stacks/\(name)", file: "stacks/\(name)/compose.yaml",
                  services: services, placement: .hosts(["nas"]), prune: prune, source: here, policySource: here)
    }

    /// The repository identity the fixtures' containers carry and plan as.
    static let repository = "git:fixture"

    static let imageV1 = "sha256:" + String(repeating: "1", count: 64)
    static let imageV2 = "sha256:" + String(repeating: "2", count: 64)

    /// A managed container exactly as reconcile would have created it for `desired`.
    static func running(_ desired: DesiredContainer, state: String = "running") -> LiveContainer {
        LiveContainer(id: "id-" + desired.name, name: desired.name, state: state, imageID: desired.imageID ?? "",
                      labels: [ManagedLabels.stack: desired.stack.name, ManagedLabels.service: desired.service.name,
                               ManagedLabels.hash: desired.hash ?? "", ManagedLabels.repository: repository])
    }

    static func desired(_ stack: StackSpec, _ service: String, imageID: String = imageV1) -> DesiredContainer {
        DesiredContainer(stack: stack, service: stack.service(named: service)!, imageID: imageID)
    }

    /// A fixed test key.
    static let redactor = Redactor(keyBytes: Array(repeating: 1, count: 32))

    static func input(_ stacks: [StackSpec], live: [LiveContainer], images: [String: String] = ["lab/app:stable": imageV1],
                      known: [DesiredContainer] = [], heldBack: [String: String] = [:], adopt: Bool = false) -> PlanInput {
        PlanInput(host: "nas", stacks: stacks, repoStackNames: Set(stacks.map(\.name)),
                  observation: HostObservation(host: "nas", containers: live, imageIDs: images, repository: repository,
                                               declaredStacks: Set(stacks.map(\.name))),
                  knownConfigs: KnownConfigs(Dictionary(known.map { ($0.hash!, redactor.redact($0)) },
                                                        uniquingKeysWith: { a, _ in a })),
                  heldBack: heldBack, adopt: adopt, redactor: redactor)
    }
}

extension HostPlan {
    /// `kind service` per action across stacks, for compact expectations.
    var summary: [String] {
        stacks.flatMap { $0.actions.map { "\($0.kind.rawValue) \($0.subject)" } }
    }
}
