import Foundation
@testable import Store

/// Sample values shared by the tests.
enum Samples {
    static let start = Date(timeIntervalSince1970: 1_764_000_000.125)

    static func revision(host: String = "nas", stack: String = "media", outcome: RevisionOutcome = .applied,
                         commit: String? = "3f2a9c1", minute: Int = 0) -> NewRevision {
        NewRevision(
            host: host, stack: stack, commit: commit, trigger: .webhook,
            startedAt: start.addingTimeInterval(Double(minute * 60)),
            finishedAt: start.addingTimeInterval(Double(minute * 60) + 12.5),
            outcome: outcome,
            spec: #"{"services":{"jellyfin":{"image":"jellyfin/jellyfin:10.9"}}}"#,
            digests: ["jellyfin": "sha256:aa11", "sonarr": "sha256:bb22"],
            actions: [
                ActionRecord(kind: "recreate", service: "jellyfin", reasons: ["image digest changed"],
                             outcome: outcome == .applied ? .done : .rolledBack,
                             error: outcome == .applied ? nil : "health check failed"),
                ActionRecord(kind: "create", service: "sonarr", reasons: ["new service"]),
            ],
            error: outcome == .applied ? nil : "jellyfin unhealthy after 30 s",
            healthLog: outcome == .applied ? [] : ["curl: (7) connection refused", "exit 1"],
            triggers: ["webhook", "git"])
    }

    static func intent(service: String = "jellyfin", kind: OperationKind = .recreate) -> OperationIntent {
        OperationIntent(host: "nas", stack: "media", service: service, kind: kind,
                        payload: #"{"old":"media-jellyfin-1","new":"media-jellyfin-1.next"}"#)
    }
}
