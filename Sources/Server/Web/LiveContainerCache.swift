import Controller
import FoundationEssentials

/// The stack page's live containers, read from the one engine on request and kept a few seconds: a live
/// re-render on every pass step (or many open tabs) asks the engine once per stack and window, not each time.
actor LiveContainerCache {
    enum Answer: Sendable, Encodable {
        case containers(StackContainers)
        case failed(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .containers(let found): try container.encode(found)
            case .failed(let reason): try container.encode(["error": reason])
            }
        }
    }

    private let source: any RepositorySource
    private let runner: any PassRunner
    private let lifetime: Duration
    private let clock = ContinuousClock()
    private var entries: [String: (answer: Answer, at: ContinuousClock.Instant)] = [:]

    init(source: any RepositorySource, runner: any PassRunner, lifetime: Duration = .seconds(5)) {
        self.source = source
        self.runner = runner
        self.lifetime = lifetime
    }

    func containers(host: String, stack: String) async -> Answer {
        let key = host + "\u{0}" + stack
        if let entry = entries[key], clock.now - entry.at < lifetime { return entry.answer }
        let answer: Answer
        if let directory = await source.passDirectory() {
            do {
                answer = .containers(try await runner.stackContainers(host: host, stack: stack, repository: directory))
            } catch {
                answer = .failed("\(error)")
            }
        } else {
            answer = .failed("no commit has loaded yet: the host is not known")
        }
        entries = entries.filter { clock.now - $0.value.at < lifetime }
        entries[key] = (answer, clock.now)
        return answer
    }
}
