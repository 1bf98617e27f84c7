import Testing
@testable import Server

@Suite struct SettingsTests {
    @Test(arguments: [("90s", Duration.seconds(90)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
                      ("250ms", .milliseconds(250)), ("12", .seconds(12)), ("1.5m", .seconds(90))])
    func parsesDurations(text: String, expected: Duration) {
        #expect(DaemonSettings.parseDuration(text) == expected)
    }

    @Test(arguments: ["", "fast", "-5s", "5x"])
    func refusesBadDurations(text: String) {
        #expect(DaemonSettings.parseDuration(text) == nil)
    }

    @Test func parsesListenAddresses() throws {
        #expect(try DaemonSettings.parseListen("127.0.0.1:9420") == ("127.0.0.1", 9420))
        #expect(try DaemonSettings.parseListen("[::1]:80") == ("::1", 80))
        #expect(throws: DaemonError.self) { try DaemonSettings.parseListen("9420") }
        #expect(throws: DaemonError.self) { try DaemonSettings.parseListen("host:99999") }
    }

    @Test func queueFoldsWakeups() async {
        let queue = TriggerQueue()
        for n in 0..<5 { await queue.submit(Trigger(kind: .webhook, detail: "\(n)")) }
        var wakeups = queue.wakeups.makeAsyncIterator()
        #expect(await wakeups.next() != nil)
        #expect(await queue.drain().map(\.name) == (0..<5).map { "webhook:\($0)" })
        #expect(await queue.drain().isEmpty)
        queue.finish()
        #expect(await wakeups.next() == nil)  // the five submissions left one wake-up, already taken
    }
}
