import Foundation
import Testing
@testable import Server

/// A change held by a deploy window is applied when the window opens, not at the next timer tick.
@Suite struct WindowAlarmTests {
    @Test func wakesTheLoopWhenTheWindowOpens() async throws {
        let queue = TriggerQueue()
        let alarm = WindowAlarm(queue: queue)
        let opens = Date().addingTimeInterval(0.4)
        await alarm.set(opens)
        #expect(await alarm.next == opens)
        #expect(await queue.drain().isEmpty)
        var fired: [Trigger] = []
        #expect(await eventually(5) {
            fired += await queue.drain()
            return !fired.isEmpty
        })
        #expect(fired.map(\.kind) == [.window])
        #expect(Date() >= opens)
    }

    @Test func aLaterPassReplacesOrClearsTheWakeUp() async throws {
        let queue = TriggerQueue()
        let alarm = WindowAlarm(queue: queue)
        await alarm.set(Date().addingTimeInterval(0.3))
        await alarm.set(Date().addingTimeInterval(60))  // the window moved: only the new time counts
        try await Task.sleep(for: .milliseconds(600))
        #expect(await queue.drain().isEmpty)
        await alarm.set(nil)  // nothing pending any more
        #expect(await alarm.next == nil)
    }
}
