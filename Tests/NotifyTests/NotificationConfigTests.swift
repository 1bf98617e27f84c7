import Basics
import Foundation
import Spec
import Testing
@testable import Notify

/// `reconcile.yaml`: channels with secrets from the environment, and errors that point at the line.
@Suite struct NotificationConfigTests {
    @Test func loadsEveryChannelKindFromTheRepositoryRoot() throws {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let (config, diagnostics) = NotificationConfig.load(
            repository: root, environment: ["NTFY_TOKEN": "tk_1", "GOTIFY_TOKEN": "gt_2"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config.channels.map(\.kind) == [.ntfy, .gotify, .webhook])
        let ntfy = config.channels[0]
        #expect(ntfy.topic == "homelab" && ntfy.token == "tk_1" && ntfy.events == [.applied, .failed, .rolledBack, .invalid])
        #expect(ntfy.name == "ntfy 127.0.0.1")
        #expect(ntfy.location == Basics.SourceLocation(file: "reconcile.yaml", line: 3, column: 5))
        let gotify = config.channels[1]
        #expect(gotify.name == "phone" && gotify.token == "gt_2" && gotify.tokenPlacement == .query)
        #expect(gotify.priority == 9 && gotify.events == [.failed, .rolledBack])
        let hook = config.channels[2]
        #expect(hook.headers == ["X-Hook-Secret": "none"], "the `:-` default applies when the variable is unset")
        #expect(hook.timeout == .seconds(2) && hook.token == nil)
    }

    @Test func noFileMeansNoChannels() {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-repo-\(UUID().uuidString)")
        let (config, diagnostics) = NotificationConfig.load(repository: empty, environment: [:])
        #expect(config.channels.isEmpty && diagnostics.isEmpty)
    }

    @Test func ntfyDefaultsToTheNtfyServer() {
        let (config, diagnostics) = NotificationConfig.parse("notifications:\n  - {type: ntfy, topic: t}\n", environment: [:])
        #expect(diagnostics.isEmpty)
        #expect(config.channels.first?.url.absoluteString == "https://ntfy.sh")
    }

    static let errorCases: [(yaml: String, location: String, message: String)] = [
        ("notifications:\n  - type: ntfy\n    topic: t\n    token: ${NTFY_TOKEN}\n",
         "reconcile.yaml:4:12", "environment variable `NTFY_TOKEN` is not set"),
        ("notifications:\n  - type: gotfy\n    url: http://g\n",
         "reconcile.yaml:2:11", "unknown notification type `gotfy`; expected ntfy, gotify or webhook; did you mean `gotify`?"),
        ("notifications:\n  - type: ntfy\n    topik: t\n",
         "reconcile.yaml:3:5", "unknown key `topik` in a notification channel; did you mean `topic`?"),
        ("notifications:\n  - type: webhook\n    url: http://h/x\n    on: [applied, rolledback]\n",
         "reconcile.yaml:4:19", "unknown event `rolledback`"),
        ("notifications:\n  - type: webhook\n    url: ftp://h/x\n",
         "reconcile.yaml:3:10", "must be an http:// or https:// URL with a host"),
        ("notifications:\n  - type: gotify\n", "reconcile.yaml:2:5", "a gotify channel needs `url:`"),
        ("notifications:\n  - type: ntfy\n    topic: t\n    priority: 7\n",
         "reconcile.yaml:4:15", "priority for ntfy must be a whole number from 1 to 5"),
        ("notifications:\n  - type: webhook\n    url: http://h\n    timeout: forever\n",
         "reconcile.yaml:4:14", "timeout `forever` must be a duration"),
        ("notifications:\n  - type: ntfy\n    topic: t\n    ca: /nonexistent/ca.pem\n",
         "reconcile.yaml:4:9", "ca `/nonexistent/ca.pem` does not exist"),
        ("notifications:\n  - type: ntfy\n    topic: home/lab\n",
         "reconcile.yaml:3:12", "ntfy topic `home/lab` may only use letters, digits"),
        ("notifications: {type: ntfy}\n", "reconcile.yaml:1:16", "notifications must be a list of channels"),
        ("notifications:\n  - type: ntfy\n    topic: [a\n", "reconcile.yaml:4:1", "did not find expected"),
    ]

    @Test(arguments: errorCases)
    func errorsArePositioned(yaml: String, location: String, message: String) {
        let (config, diagnostics) = NotificationConfig.parse(yaml, environment: [:])
        #expect(config.channels.isEmpty, "a channel with an error is left out")
        let first = diagnostics.first
        #expect(first?.severity == .error)
        #expect(first?.description.hasPrefix(location) == true, "\(diagnostics)")
        #expect(first?.message.contains(message) == true, "\(diagnostics)")
        #expect(first?.rendered.contains("\n") == true, "the source line and caret are attached")
    }

    @Test func aBrokenChannelLeavesTheOthersWorking() {
        let yaml = "notifications:\n  - {type: ntfy, topic: ok}\n  - {type: ntfy, topic: t, on: [nope]}\n"
        let (config, diagnostics) = NotificationConfig.parse(yaml, environment: [:])
        #expect(config.channels.map(\.topic) == ["ok"])
        #expect(diagnostics.map(\.description) == ["reconcile.yaml:3:33: error: unknown event `nope` in `on:`; "
                                                   + "expected applied, failed, rolled_back, invalid, update"])
    }

    @Test func otherTopLevelKeysAreLeftToOtherModules() {
        let (config, diagnostics) = NotificationConfig.parse("daemon: {interval: 5m}\n", environment: [:])
        #expect(config.channels.isEmpty && diagnostics.isEmpty)
    }
}
