/// Collects triggers and wakes the reconcile loop; while a pass runs, any number of triggers make at most one more.
///
/// The wake-up stream buffers a single element, so a burst of submissions folds into one wake-up;
/// the loop then drains every pending trigger into a single pass.
public actor TriggerQueue {
    private var pending: [Trigger] = []
    private let wake: AsyncStream<Void>.Continuation
    /// Yields once per needed pass; consumed only by the reconcile loop.
    public nonisolated let wakeups: AsyncStream<Void>

    public init() {
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public func submit(_ trigger: Trigger) {
        pending.append(trigger)
        wake.yield()
    }

    /// Takes every pending trigger; empty when a wake-up was already served.
    public func drain() -> [Trigger] {
        defer { pending.removeAll() }
        return pending
    }

    /// Ends the wake-up stream (the loop then stops after its current pass).
    public nonisolated func finish() {
        wake.finish()
    }
}
