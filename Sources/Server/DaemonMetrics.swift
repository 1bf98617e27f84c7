import Basics
import Controller
import FoundationEssentials

/// Counters behind `GET /metrics`, rendered in the Prometheus text exposition format.
///
/// Small enough to write by hand; labels carry only host, stack, kind and result names, never a secret.
public struct DaemonMetrics: Sendable {
    static let durationBuckets: [Double] = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]

    var passes: [String: Int] = [:]
    var durationCounts = [Int](repeating: 0, count: DaemonMetrics.durationBuckets.count)
    var durationSum = 0.0
    var durationCount = 0
    var actions: [String: Int] = [:]
    var failures: [StackKey: Int] = [:]
    var rollbacks: [StackKey: Int] = [:]
    var lastSuccess: [String: Double] = [:]
    var webhooks: [WebhookKey: Int] = [:]
    var invalidCommits = 0
    /// Forge head requests and commit statuses by result (see DaemonMetrics+Forge).
    var forgePolls: [String: Int] = [:]
    var commitStatuses: [String: Int] = [:]

    struct StackKey: Hashable, Comparable {
        var host: String
        var stack: String
        static func < (a: StackKey, b: StackKey) -> Bool { (a.host, a.stack) < (b.host, b.stack) }
    }

    struct WebhookKey: Hashable, Comparable {
        var endpoint: String
        var result: String
        static func < (a: WebhookKey, b: WebhookKey) -> Bool { (a.endpoint, a.result) < (b.endpoint, b.result) }
    }

    mutating func record(_ report: PassReport) {
        let result = !report.diagnostics.isEmpty ? "invalid" : report.succeeded ? "success" : "failure"
        passes[result, default: 0] += 1
        let seconds = report.finishedAt.timeIntervalSince(report.startedAt)
        durationSum += seconds
        durationCount += 1
        for (index, bound) in Self.durationBuckets.enumerated() where seconds <= bound { durationCounts[index] += 1 }
        for host in report.hosts {
            if host.succeeded { lastSuccess[host.host] = report.finishedAt.timeIntervalSince1970 }
            for stack in host.stacks {
                let key = StackKey(host: host.host, stack: stack.stack)
                if stack.outcome == .failed { failures[key, default: 0] += 1 }
                if stack.outcome == .rolledBack { rollbacks[key, default: 0] += 1 }
                for action in stack.actions where action.kind != "keep" && action.outcome == .done {
                    actions[action.kind, default: 0] += 1
                }
            }
        }
    }

    mutating func recordWebhook(endpoint: String, result: String) {
        webhooks[WebhookKey(endpoint: endpoint, result: result), default: 0] += 1
    }

    mutating func recordInvalidCommit() { invalidCommits += 1 }

    func render() -> String {
        var out = ""
        header(&out, "reconcile_passes_total", "counter", "Passes by result (success, failure, invalid, error).")
        for (result, n) in passes.sorted(by: { $0.key < $1.key }) {
            out += "reconcile_passes_total{result=\"\(result)\"} \(n)\n"
        }
        header(&out, "reconcile_pass_duration_seconds", "histogram", "Wall time of one pass.")
        for (index, bound) in Self.durationBuckets.enumerated() {
            out += "reconcile_pass_duration_seconds_bucket{le=\"\(format(bound))\"} \(durationCounts[index])\n"
        }
        out += "reconcile_pass_duration_seconds_bucket{le=\"+Inf\"} \(durationCount)\n"
        out += "reconcile_pass_duration_seconds_sum \(format(durationSum))\n"
        out += "reconcile_pass_duration_seconds_count \(durationCount)\n"
        header(&out, "reconcile_actions_total", "counter", "Actions carried out, by kind.")
        for (kind, n) in actions.sorted(by: { $0.key < $1.key }) { out += "reconcile_actions_total{kind=\"\(escape(kind))\"} \(n)\n" }
        stackCounter(&out, "reconcile_stack_failures_total", "Stack applies that failed.", failures)
        stackCounter(&out, "reconcile_stack_rollbacks_total", "Stack applies rolled back by the health gate.", rollbacks)
        header(&out, "reconcile_host_last_success_timestamp_seconds", "gauge", "End of the last pass that succeeded on the host.")
        for (host, time) in lastSuccess.sorted(by: { $0.key < $1.key }) {
            out += "reconcile_host_last_success_timestamp_seconds{host=\"\(escape(host))\"} \(format(time))\n"
        }
        header(&out, "reconcile_webhook_requests_total", "counter", "Webhook and API requests by endpoint and result.")
        for (key, n) in webhooks.sorted(by: { $0.key < $1.key }) {
            out += "reconcile_webhook_requests_total{endpoint=\"\(escape(key.endpoint))\",result=\"\(key.result)\"} \(n)\n"
        }
        header(&out, "reconcile_invalid_commits_total", "counter", "Commits refused because they do not load.")
        out += "reconcile_invalid_commits_total \(invalidCommits)\n"
        return out
    }

    private func stackCounter(_ out: inout String, _ name: String, _ help: String, _ values: [StackKey: Int]) {
        header(&out, name, "counter", help)
        for (key, n) in values.sorted(by: { $0.key < $1.key }) {
            out += "\(name){host=\"\(escape(key.host))\",stack=\"\(escape(key.stack))\"} \(n)\n"
        }
    }

    private func header(_ out: inout String, _ name: String, _ type: String, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private func escape(_ label: String) -> String {
        label.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"").replacingEvery("\n", with: "\\n")
    }
}
