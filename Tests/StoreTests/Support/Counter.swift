import Synchronization

/// A count shared between tasks, so a test can see how many of them got past a point.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    func increment() {
        count.withLock { $0 += 1 }
    }
}
