extension DaemonMetrics {
    /// The forge series of `/metrics`: head requests and commit statuses by result.
    func renderForge() -> String {
        var out = "# HELP reconcile_forge_polls_total Forge head requests by result (not_modified costs no rate limit).\n"
        out += "# TYPE reconcile_forge_polls_total counter\n"
        for (result, n) in forgePolls.sorted(by: { $0.key < $1.key }) {
            out += "reconcile_forge_polls_total{result=\"\(result)\"} \(n)\n"
        }
        out += "# HELP reconcile_commit_statuses_total Commit statuses sent to the forge by result.\n"
        out += "# TYPE reconcile_commit_statuses_total counter\n"
        for (result, n) in commitStatuses.sorted(by: { $0.key < $1.key }) {
            out += "reconcile_commit_statuses_total{result=\"\(result)\"} \(n)\n"
        }
        return out
    }
}
