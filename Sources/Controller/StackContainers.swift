import Docker
import FoundationEssentials
import Planner
import Spec

/// The containers of one stack on one host as its engine shows them now, for the status page's stack view.
public struct StackContainers: Sendable, Codable, Equatable {
    public struct Container: Sendable, Codable, Equatable {
        public var name: String
        public var service: String?
        /// `running`, `exited`, `restarting`, … (Docker's `State.Status`).
        public var state: String
        /// `starting`, `healthy` or `unhealthy`; nil for a container without a health check.
        public var health: String?
        /// Docker's `StartedAt` (RFC 3339); nil for a container never started.
        public var startedAt: String?
        public var exitCode: Int?
        public var image: String

        public init(name: String, service: String?, state: String, health: String?, startedAt: String?, exitCode: Int?,
                    image: String) {
            self.name = name
            self.service = service
            self.state = state
            self.health = health
            self.startedAt = startedAt
            self.exitCode = exitCode
            self.image = image
        }
    }

    public var host: String
    public var stack: String
    public var containers: [Container]
    /// When the engine was asked (the page shows how fresh the answer is).
    public var readAt: Date

    public init(host: String, stack: String, containers: [Container], readAt: Date) {
        self.host = host
        self.stack = stack
        self.containers = containers
        self.readAt = readAt
    }
}

/// Why the live containers could not be read: the page shows it instead of the table.
public struct StackContainersError: Error, CustomStringConvertible {
    public var host: String
    public var stack: String
    public var reason: String
    public var description: String { "host \(host), stack \(stack): \(reason)" }
}

extension Controller {
    /// One filtered container list and one inspect per container of `stack` (this installation's only), on
    /// `host` alone: cheap enough for a page request, never made for the overview.
    public func stackContainers(host name: String, stack: String) async throws -> StackContainers {
        guard let repository = load().repository else {
            throw StackContainersError(host: name, stack: stack, reason: "the repo has errors; run `reconcile validate`")
        }
        guard let host = repository.host(named: name) else {
            throw StackContainersError(host: name, stack: stack, reason: "no hosts/\(name).yaml in the repo")
        }
        let connection: HostConnection
        do {
            connection = try HostConnection.open(host, settings: settings, logger: logger, makeTransport: makeTransport)
        } catch {
            throw StackContainersError(host: name, stack: stack, reason: error.description)
        }
        let client = connection.client
        let listed = try await client.listContainers(all: true, filters: .label(ManagedLabels.stack, stack))
        let ours = listed.filter {
            ($0.labels[ManagedLabels.instance] ?? ManagedLabels.defaultInstance) == settings.instance
        }
        var containers: [StackContainers.Container] = []
        for summary in ours.sorted(by: { $0.name < $1.name }) {
            let inspected = try await client.inspectContainer(summary.id)
            let state = inspected.state
            // Docker writes the zero time for a container that never started.
            let started = state.startedAt.hasPrefix("0001-") ? nil : state.startedAt
            containers.append(.init(name: summary.name, service: summary.labels[ManagedLabels.service], state: state.status,
                                    health: state.health?.status, startedAt: started,
                                    exitCode: state.running ? nil : state.exitCode, image: summary.image))
        }
        return StackContainers(host: name, stack: stack, containers: containers, readAt: settings.now())
    }
}
