import Docker
import Planner
import Spec

/// Compose options that a host's engine cannot honour at the API version agreed with it. Such a stack is
/// not applied on that host, as `docker compose` refuses it there too, rather than deployed without the
/// option; nothing in the stack is touched and the other stacks go on.
enum EngineSupport {
    /// Why `plan` cannot be applied on `host` at `api`, naming the file:line:col and what to do; nil when it can.
    static func refusal(_ plan: StackPlan, host: String, api: APIVersion) -> String? {
        for action in plan.actions where action.kind == .create || action.kind == .recreate {
            guard let service = action.desired?.service else { continue }
            if service.healthcheck?.startInterval != nil, !api.hasHealthStartInterval {
                return "\(service.source): service \(service.name): healthcheck start_interval needs Docker 25 or later "
                    + "(API 1.44); \(host) speaks API \(api): remove start_interval or upgrade Docker on \(host)"
            }
        }
        return nil
    }
}
