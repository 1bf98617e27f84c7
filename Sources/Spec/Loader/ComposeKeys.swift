/// The compose keys reconcile understands, and the valid compose keys it refuses with a reason.
enum ComposeKeys {
    static let service: Set<String> = [
        "image", "command", "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "tmpfs", "restart",
        "labels", "healthcheck", "depends_on", "networks", "network_mode", "container_name", "hostname", "user",
        "working_dir", "cap_add", "cap_drop", "devices", "privileged", "extra_hosts", "dns", "logging",
        "stop_grace_period", "stop_signal", "sysctls", "ulimits", "mem_limit", "cpus", "shm_size", "init",
        "read_only", "security_opt", "tty", "stdin_open", "group_add", "pid", "ipc", "links", "profiles", "deploy",
        "gpus", "pull_policy", "platform", "secrets", "configs", "pids_limit", "mem_reservation", "mem_swappiness",
        "memswap_limit", "cpu_shares", "cpuset", "dns_search", "dns_opt", "oom_score_adj", "userns_mode", "cgroup_parent",
        "mac_address", "blkio_config",
    ]

    static let topLevel: Set<String> = ["name", "services", "networks", "volumes", "version", "secrets", "configs", "include"]

    /// Valid compose keys with the reason reconcile refuses them.
    static let unsupported: [String: String] = [
        "build": "hosts only pull images; build and push the image in CI, then reference it with `image:`",
        "scale": "reconcile runs exactly one container per service",
        "volumes_from": "declare the shared volume on both services",
        "external_links": "attach both containers to a shared external network instead",
        "develop": "watch mode is for local development",
        "models": "model runners are not managed by reconcile",
        "provider": "provider services are not managed by reconcile",
        "runtime": "not supported yet",
        "label_file": "put the labels in `labels:`",
        "post_start": "lifecycle hooks are not supported yet",
        "pre_stop": "lifecycle hooks are not supported yet",
    ]

    /// Other valid compose service keys that reconcile does not implement yet.
    static let otherCompose: Set<String> = [
        "annotations", "attach", "cgroup", "cpu_count", "cpu_percent", "cpu_period",
        "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "credential_spec", "device_cgroup_rules", "domainname",
        "isolation", "oom_kill_disable", "storage_opt", "uts", "use_api_socket", "lifecycle",
    ]

    /// Why `key` is refused, or nil when it is not a known compose key at all.
    static func refusal(for key: String) -> String? {
        if let reason = unsupported[key] { return "reconcile does not support `\(key)`: \(reason)" }
        if otherCompose.contains(key) {
            return "reconcile does not support `\(key)` yet; remove it or keep this service under docker compose"
        }
        return nil
    }
}
