/// The SSH control masters of one process, by control path: each started at most once at a time, reused across
/// passes (the daemon makes a `Controller` per pass), restarted after a drop, and stopped when the process ends.
public actor SSHTunnels {
    /// Masters known to answer; a request that finds its socket dead asks for `restart`.
    private var ready: Set<String> = []
    /// Masters this process started: only these are stopped by `closeAll` (a `status` run beside the daemon
    /// reuses the daemon's master and must not end it).
    private var started: [String: SSHTunnel] = [:]
    private var starting: [String: Task<Void, any Error>] = [:]

    public init() {}

    /// Makes sure the tunnel's master runs: reuses one that answers, else starts one.
    func ensure(_ tunnel: SSHTunnel) async throws(SSHTunnelError) {
        guard !ready.contains(tunnel.controlPath) else { return }
        try await once(tunnel, fresh: false)
    }

    /// The master stopped answering (killed, network dropped): end what is left of it and start a new one.
    func restart(_ tunnel: SSHTunnel) async throws(SSHTunnelError) {
        ready.remove(tunnel.controlPath)
        try await once(tunnel, fresh: true)
    }

    /// Stops every master this process started; each removes its sockets. Called when a command or the daemon ends.
    public func closeAll() async {
        for tunnel in started.values { await tunnel.stop() }
        started = [:]
        ready = []
    }

    /// Concurrent requests of one host share one start.
    private func once(_ tunnel: SSHTunnel, fresh: Bool) async throws(SSHTunnelError) {
        let key = tunnel.controlPath
        let task = starting[key] ?? Task { [self] in
            if !fresh, await tunnel.isRunning() { return }
            await tunnel.stop()
            try await tunnel.start()
            self.didStart(tunnel)
        }
        starting[key] = task
        defer { starting[key] = nil }
        do {
            try await task.value
            ready.insert(key)
        } catch let error as SSHTunnelError {
            throw error
        } catch {
            throw SSHTunnelError(host: tunnel.host, address: tunnel.address, kind: .other, detail: "\(error)")
        }
    }

    private func didStart(_ tunnel: SSHTunnel) {
        started[tunnel.controlPath] = tunnel
    }
}
