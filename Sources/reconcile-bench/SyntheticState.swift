import Basics
import Planner
import Spec

/// A made-up host with `services` services in stacks of `perStack`, and live containers matching them,
/// so the planner can be timed at any size without Docker.
///
/// Shape of the live side: every service has its container; every `changeEvery`-th one carries an old
/// hash (a recreate with reasons), every `stoppedEvery`-th one is exited (a start), and one unmanaged
/// container per stack stands next to them (as on a real host), so every branch of `plan` is exercised.
struct SyntheticState {
    var services: Int
    var perStack: Int = 10
    var changeEvery: Int = 100
    var stoppedEvery: Int = 50

    static let host = "bench"
    /// The repository identity the synthetic containers carry and the plan acts for.
    static let repository = "git:bench"
    static let image = "lab/busybox:1"
    static let imageID = "sha256:" + String(repeating: "ab", count: 32)

    /// The stacks the repo places on the host.
    func stacks() -> [StackSpec] {
        let count = (services + perStack - 1) / perStack
        return (0..<count).map { index in
            let name = "s\(index)"
            let first = index * perStack
            let members = (first..<min(first + perStack, services)).map { service($0, stack: name) }
            return StackSpec(name: name, projectName: name, directory: "/bench/stacks/\(name)",
                             file: "stacks/\(name)/compose.yaml", services: members,
                             placement: .hosts([Self.host]), source: .file("stacks/\(name)/compose.yaml"),
                             policySource: .file("stacks/\(name)/compose.yaml"))
        }
    }

    /// A small service like the benchmark's busybox ones: command, environment, sometimes a port or a healthcheck.
    func service(_ number: Int, stack: String) -> ServiceSpec {
        var spec = ServiceSpec(name: "svc\(number)", image: Self.image, source: .file("stacks/\(stack)/compose.yaml"))
        spec.command = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
        spec.environment = ["BENCH_SERVICE": "\(number)", "BENCH_REV": "1"]
        spec.restart = "unless-stopped"
        if number % 3 == 0 {
            spec.ports = [PortSpec(target: 8080, published: "\(20000 + number % 40000)", hostIP: "127.0.0.1")]
        }
        if number % 4 == 0 {
            spec.healthcheck = Healthcheck(test: ["CMD", "true"], interval: .seconds(1), timeout: .seconds(1), retries: 3)
        }
        return spec
    }

    /// Live containers for `stacks` plus the recorded configs the planner diffs changed ones against.
    func observation(for stacks: [StackSpec]) -> (HostObservation, [String: CanonicalConfig]) {
        var containers: [LiveContainer] = []
        var known: [String: CanonicalConfig] = [:]
        var number = 0
        for stack in stacks {
            for service in stack.services {
                var live = service
                if number % changeEvery == changeEvery - 1 { live.environment["BENCH_REV"] = "0" }
                let desired = DesiredContainer(stack: stack, service: live, imageID: Self.imageID)
                let hash = desired.canonical.hash
                if live != service { known[hash] = Self.redactor.redact(desired) }
                containers.append(LiveContainer(
                    id: "c\(number)", name: desired.name,
                    state: number % stoppedEvery == stoppedEvery - 1 ? "exited" : "running", imageID: Self.imageID,
                    labels: [ManagedLabels.stack: stack.name, ManagedLabels.service: service.name,
                             ManagedLabels.hash: hash, ManagedLabels.repository: Self.repository]))
                number += 1
            }
            containers.append(LiveContainer(id: "u-\(stack.name)", name: "unmanaged-\(stack.name)", state: "running",
                                            imageID: Self.imageID, labels: [:]))
        }
        let observation = HostObservation(host: Self.host, containers: containers, imageIDs: [Self.image: Self.imageID],
                                          repository: Self.repository, declaredStacks: Set(stacks.map(\.name)))
        return (observation, known)
    }

    /// A fixed key: the benchmark records nothing.
    static let redactor = Redactor(keyBytes: Array(repeating: 7, count: 32))

    /// Everything `Planner.plan` needs for this host.
    func input() -> PlanInput {
        let stacks = stacks()
        let (observation, known) = observation(for: stacks)
        return PlanInput(host: Self.host, stacks: stacks, repoStackNames: Set(stacks.map(\.name)),
                         observation: observation, knownConfigs: KnownConfigs(known), redactor: Self.redactor)
    }
}
