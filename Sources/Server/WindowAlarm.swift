import FoundationEssentials
import Store

/// Wakes the reconcile loop when a deploy window opens, so a pending change is applied then and
/// not at the next timer tick. Only the earliest opening matters; setting a new one replaces it.
actor WindowAlarm {
    private var wake: (at: Date, task: Task<Void, Never>)?
    let queue: TriggerQueue

    init(queue: TriggerQueue) {
        self.queue = queue
    }

    /// Schedules a `window` trigger at `date` (nil or past: nothing pending, the alarm is cleared).
    func set(_ date: Date?) {
        guard let date, date > Date() else {
            wake?.task.cancel()
            wake = nil
            return
        }
        if let wake, wake.at == date { return }
        wake?.task.cancel()
        let queue = queue
        let task = Task {
            // Wall-clock time: windows are defined in local time, not in elapsed time.
            try? await Task.sleep(for: .seconds(max(0, date.timeIntervalSinceNow)))
            guard !Task.isCancelled else { return }
            await queue.submit(Trigger(kind: .window, detail: date.formatted(.iso8601)))
        }
        wake = (date, task)
    }

    func cancel() {
        wake?.task.cancel()
        wake = nil
    }

    /// When the next wake-up is due, for /api/status.
    var next: Date? { wake?.at }
}
