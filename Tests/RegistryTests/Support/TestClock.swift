import Foundation
import Synchronization

/// A clock the test moves by hand, so intervals, pauses and token expiry pass without sleeping.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    /// Moves the clock forward and returns the new time.
    @discardableResult
    func advance(by seconds: TimeInterval) -> Date {
        current.withLock { $0 = $0.addingTimeInterval(seconds); return $0 }
    }

    /// The closure the code under test calls.
    var function: @Sendable () -> Date { { self.now } }
}
