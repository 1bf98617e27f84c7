extension StackSpec {
    /// Services that run to completion: another service waits on them with `service_completed_successfully`,
    /// and their restart policy lets them stay exited (`no`, unset or `on-failure`).
    ///
    /// Only such a wait says "this exits on purpose"; any other service that exits is a failure to start.
    public var jobNames: Set<String> {
        let awaited = Set(services.flatMap { service in
            service.dependsOn.filter { $0.value.condition == .serviceCompletedSuccessfully }.map(\.key)
        })
        return Set(services.filter { service in
            guard awaited.contains(service.name) else { return false }
            let policy = service.restart ?? "no"
            return policy == "no" || policy.hasPrefix("on-failure")
        }.map(\.name))
    }

    /// Whether `service` is a one-shot job (see `jobNames`).
    public func isJob(_ service: ServiceSpec) -> Bool {
        jobNames.contains(service.name)
    }
}
