import FoundationEssentials
import Logging

/// What digest checks and tag listings share: targets collapsed from the services' references, the due order and
/// schedule, one round of requests under the registry's pause and budget, and back-off after a failure.
extension RegistryWatcher {
    /// The two things the watcher asks registries.
    enum Question: Hashable, Sendable {
        /// `HEAD` of a tag's manifest, keyed by canonical reference.
        case digest
        /// `tags/list` of a repository, keyed by `registry/repository`.
        case tags

        var failureMessage: Logger.Message {
            self == .digest ? "registry check failed" : "registry tag listing failed"
        }

        var metadataKey: String { self == .digest ? "image.reference" : "image.repository" }
    }

    /// `list` collapsed to one target per `key`, with the shortest interval any reference asks for; the
    /// references that are not valid image names are returned instead (they are not watched).
    func collectTargets(_ list: [WatchedImage],
                        key: (ImageName) -> String) -> (targets: [String: Target], invalid: [ImageNameError]) {
        var next: [String: Target] = [:]
        var invalid: [ImageNameError] = []
        for item in list {
            let name: ImageName
            do { name = try ImageName(parsing: item.reference) } catch { invalid.append(error); continue }
            let interval = max(1, (item.interval ?? settings.defaultInterval).timeInterval)
            var target = next[key(name)] ?? Target(image: name, interval: interval, usedAs: [])
            target.interval = min(target.interval, interval)
            target.usedAs.insert(item.reference)
            next[key(name)] = target
        }
        return (next, invalid)
    }

    /// Asks `question` about every due key, one at a time, re-checking the registry's pause and budget before
    /// each request (a 429 in the middle stops the rest).
    func poll(_ question: Question, now: Date) async throws -> WatchPass {
        var pass = WatchPass()
        for key in dueKeys(question, now: now) {
            // Re-checked per key: an overlapping round may have asked about it while we awaited.
            guard !inFlight[question, default: []].contains(key), let target = target(question, key),
                  nextTime(question, key, target: target) <= now else { continue }
            guard remainingBudget(target.image.registry, now: now) > 0 else {
                pass.deferred.append(key)
                continue
            }
            inFlight[question, default: []].insert(key)
            defer { inFlight[question]?.remove(key) }
            // Counted before the request, so an overlapping round sees the budget already spent.
            reserveRequest(target.image.registry, now: now)
            let requests = try await ask(question, key: key, target: target, now: now, into: &pass)
            pass.checked.append(key)
            pass.requests += requests
        }
        return pass
    }

    /// Watched keys of `question` whose next time has come, oldest due first. Pinned digests are never due.
    func dueKeys(_ question: Question, now: Date) -> [String] {
        let watched = question == .digest ? targets.filter { !$0.value.image.isImmutable } : tagTargets
        return watched.compactMap { key, target -> (String, Date)? in
            let next = nextTime(question, key, target: target)
            return next <= now ? (key, next) : nil
        }
        .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        .map(\.0)
    }

    /// A failed answer. A 429 leaves the key due: the registry, not the image, is at fault, and the key waits for
    /// the pause. Any other error backs the key off exponentially.
    func recordFailure(_ error: RegistryError, of question: Question, key: String, target: Target, now: Date,
                       state: inout some PolledState, into pass: inout WatchPass) {
        pass.failures[key] = error.description
        guard !Self.isRateLimit(error) else { return }
        state.failures += 1
        state.lastError = error.description
        state.nextCheckAt = now.addingTimeInterval(WatchSchedule.backoff(
            failures: state.failures, initial: settings.initialBackoff.timeInterval, interval: target.interval))
        logger.warning(question.failureMessage, metadata: [question.metadataKey: "\(key)", "error": "\(error)"])
    }

    /// Sends `question`'s request about `target` and records the answer; returns the registry requests it took.
    private func ask(_ question: Question, key: String, target: Target, now: Date,
                     into pass: inout WatchPass) async throws -> Int {
        switch question {
        case .digest:
            let result = await client.headManifest(target.image)
            try await record(result, key: key, target: target, now: now, into: &pass)
            return result.registryRequests
        case .tags:
            let result = await client.listTags(target.image)
            try await record(result, key: key, target: target, now: now, into: &pass)
            return result.registryRequests
        }
    }

    private func target(_ question: Question, _ key: String) -> Target? {
        question == .digest ? targets[key] : tagTargets[key]
    }

    /// When `key` is due: its saved time, or sooner when the policy's interval was shortened since.
    private func nextTime(_ question: Question, _ key: String, target: Target) -> Date {
        let saved: (any PolledState)? = question == .digest ? images[key] : tagLists[key]
        guard let saved else { return .distantPast }
        guard saved.failures == 0, let checked = saved.checkedAt else { return saved.nextCheckAt }
        return min(saved.nextCheckAt, nextCheck(after: checked, reference: key, interval: target.interval))
    }
}
