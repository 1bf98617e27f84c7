import Basics

/// The `HostConfig` half of a reconstructed service: restart policy, capabilities and the other runtime switches.
extension ServiceText {
    mutating func hostSettings() {
        let policy = host["RestartPolicy"]
        let name = policy?["Name"]?.string ?? ""
        if !name.isEmpty, name != "no" {
            let retries = if case .integer(let n)? = policy?["MaximumRetryCount"], n > 0 { ":\(n)" } else { "" }
            fields.append(("restart", .scalar(name + (name == "on-failure" ? retries : ""))))
        }
        for (key, compose) in [("CapAdd", "cap_add"), ("CapDrop", "cap_drop"), ("ExtraHosts", "extra_hosts"), ("Dns", "dns"),
                               ("SecurityOpt", "security_opt")] {
            let values = Self.strings(host[key])
            if !values.isEmpty { fields.append((compose, .list(values.map(ComposeText.scalar)))) }
        }
        for (key, compose) in [("Privileged", "privileged"), ("Init", "init"), ("ReadonlyRootfs", "read_only")] {
            if case .bool(true)? = host[key] { fields.append((compose, .literal("true"))) }
        }
        for (key, compose) in [("Tty", "tty"), ("OpenStdin", "stdin_open")] {
            if case .bool(true)? = config[key] { fields.append((compose, .literal("true"))) }
        }
        if case .integer(let size)? = host["ShmSize"], size > 0, size != ExpectedInspect.defaultShmSize {
            fields.append(("shm_size", .literal(String(size))))
        }
        if let log = host["LogConfig"], InspectField.text(log, sorted: false) != InspectField.text(ExpectedInspect.defaultLogConfig, sorted: false) {
            var logging: [(String, ComposeText)] = [("driver", .scalar(log["Type"]?.string ?? ""))]
            let options = log["Config"]?.object ?? [:]
            if !options.isEmpty { logging.append(("options", .map(options.keys.sorted().map { ($0, .scalar(options[$0]?.string ?? "")) }))) }
            fields.append(("logging", .map(logging)))
        }
        for key in ["Devices", "DeviceRequests", "Ulimits", "Memory", "NanoCpus", "PidsLimit", "Sysctls", "Tmpfs"]
        where InspectField.text(host[key], sorted: false) != "-" {
            notes.append("\(key) is not carried over; add it to the compose file by hand")
        }
    }
}
