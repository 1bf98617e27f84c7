import Foundation
import Synchronization

/// A settable clock, so timestamps the Store assigns are known exactly.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at a whole-millisecond instant (the Store keeps milliseconds).
    init(start: Date = Date(timeIntervalSince1970: 1_764_000_000.250)) {
        current = Mutex(start)
    }

    var date: Date { current.withLock { $0 } }

    func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The closure handed to `Store(path:now:)`.
    var now: @Sendable () -> Date {
        { [self] in date }
    }
}
