import FoundationEssentials
import Logging
import Store

/// Recording outcomes: digests and back-off per image, pauses and budgets per registry.
extension RegistryWatcher {
    /// Requests `registry` may still receive at `now`: zero while paused, else what is left of its hourly budget.
    func remainingBudget(_ registry: String, now: Date) -> Int {
        if let until = hosts[registry]?.pausedUntil, until > now { return 0 }
        return max(0, settings.requestsPerHour - requestsThisHour(registry, now: now))
    }

    /// Requests sent to `registry` in its current hourly window.
    func requestsThisHour(_ registry: String, now: Date) -> Int {
        guard let state = hosts[registry], Self.inWindow(state.windowStartedAt, now: now) else { return 0 }
        return state.requestsInWindow
    }

    /// Whether `now` falls in the hour that began at `start`.
    private static func inWindow(_ start: Date?, now: Date) -> Bool {
        guard let start else { return false }
        return now >= start && now.timeIntervalSince(start) < 3600
    }

    /// Applies one check's result to the image and its registry and saves both.
    func record(_ result: ManifestResult, key: String, target: Target, now: Date, into pass: inout WatchPass) async throws {
        let host = spend(result, registry: target.image.registry, now: now)
        var image = images[key] ?? RegistryImageState(reference: key, nextCheckAt: now)
        switch result.outcome {
        case .success(let digest):
            if let previous = image.digest, previous != digest { pass.changed.formUnion(target.usedAs) }
            image.digest = digest
            image.checkedAt = now
            image.nextCheckAt = nextCheck(after: now, reference: key, interval: target.interval)
            image.failures = 0
            image.lastError = nil
            image.source = "poll"
        case .failure(let error):
            recordFailure(error, of: .digest, key: key, target: target, now: now, state: &image, into: &pass)
        }
        images[key] = image
        try await store.saveRegistryImage(image)
        try await store.saveRegistryHost(host)
    }

    static func isRateLimit(_ error: RegistryError) -> Bool {
        if case .rateLimited = error { return true }
        return false
    }

    /// `registry`'s state after `answer`, which took its requests (one of them reserved before sending):
    /// paused on a 429 until `Retry-After`, or for the quota window when `RateLimit-Remaining` ran low.
    /// Kept in memory at once; the caller saves it with what the answer said about the image or repository.
    func spend(_ answer: some RegistryAnswer, registry: String, now: Date) -> RegistryHostState {
        let rateLimit = answer.rateLimit
        var host = countRequests(answer.registryRequests - 1, registry: registry, now: now)
        if answer.error.map(Self.isRateLimit) ?? false {
            host.pausedUntil = rateLimit.retryAfter ?? now.addingTimeInterval(settings.defaultPause.timeInterval)
            host.pauseReason = "HTTP 429 Too Many Requests"
        }
        if let remaining = rateLimit.remaining, remaining <= settings.pauseWhenRemainingAtMost {
            let window = rateLimit.windowSeconds.map(TimeInterval.init) ?? settings.defaultPause.timeInterval
            let until = now.addingTimeInterval(window)
            if host.pausedUntil.map({ $0 < until }) ?? true {
                host.pausedUntil = until
                host.pauseReason = "RateLimit-Remaining: \(remaining)"
            }
        }
        if let until = host.pausedUntil, until > now {
            logger.notice("registry paused", metadata: ["registry.host": "\(registry)", "until": "\(until)",
                                                        "reason": "\(host.pauseReason ?? "")"])
        }
        hosts[registry] = host
        return host
    }

    /// Counts one request against `registry`'s budget before it is sent.
    func reserveRequest(_ registry: String, now: Date) {
        hosts[registry] = countRequests(1, registry: registry, now: now)
    }

    /// Adds `count` requests to the registry's current hourly window, starting a new window when due.
    private func countRequests(_ count: Int, registry: String, now: Date) -> RegistryHostState {
        var host = hosts[registry] ?? RegistryHostState(registry: registry)
        if Self.inWindow(host.windowStartedAt, now: now) {
            host.requestsInWindow = max(0, host.requestsInWindow + count)
        } else {
            host.windowStartedAt = now
            host.requestsInWindow = max(0, count)
        }
        return host
    }
}
