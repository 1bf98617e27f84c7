import Basics
import FoundationEssentials

extension DaemonMetrics {
    /// The subscription series of `/metrics`: connection state, reconnects, last message, messages by result.
    static func render(subscriptions: [SubscriptionStatus]) -> String {
        var out = ""
        func header(_ name: String, _ type: String, _ help: String) { out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n" }
        func label(_ status: SubscriptionStatus) -> String { "subscription=\"\(escape(status.name))\"" }
        header("reconcile_subscription_connected", "gauge", "1 while the outbound subscription is connected.")
        for status in subscriptions { out += "reconcile_subscription_connected{\(label(status))} \(status.connected ? 1 : 0)\n" }
        header("reconcile_subscription_reconnects_total", "counter", "Connections after the first.")
        for status in subscriptions { out += "reconcile_subscription_reconnects_total{\(label(status))} \(status.reconnects)\n" }
        header("reconcile_subscription_last_message_timestamp_seconds", "gauge", "When the last message arrived.")
        for status in subscriptions {
            guard let time = status.lastMessageAt else { continue }
            out += "reconcile_subscription_last_message_timestamp_seconds{\(label(status))} \(Int64(time.timeIntervalSince1970))\n"
        }
        header("reconcile_trigger_messages_total", "counter", "Messages received, by result (accepted or why refused).")
        for status in subscriptions {
            out += "reconcile_trigger_messages_total{\(label(status)),result=\"accepted\"} \(status.accepted)\n"
            for (reason, n) in status.rejected.sorted(by: { $0.key < $1.key }) {
                out += "reconcile_trigger_messages_total{\(label(status)),result=\"\(reason)\"} \(n)\n"
            }
        }
        return out
    }

    private static func escape(_ label: String) -> String {
        label.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"").replacingEvery("\n", with: "\\n")
    }
}
