import Glibc
import Synchronization

/// Lets a task stop a child process it is waiting for: cancellation kills the child's whole process group.
public final class ChildProcessControl: Sendable {
    private let state = Mutex<(pid: pid_t?, cancelled: Bool)>((nil, false))

    public init() {}

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Kills the running child's group, or the child as soon as it starts.
    public func cancel() {
        let pid = state.withLock { state -> pid_t? in
            state.cancelled = true
            return state.pid
        }
        if let pid { kill(-pid, SIGKILL) }
    }

    func started(_ pid: pid_t) {
        let cancelled = state.withLock { state -> Bool in
            state.pid = pid
            return state.cancelled
        }
        if cancelled { kill(-pid, SIGKILL) }
    }

    /// After the child was reaped its pid may be reused: never signal it again.
    func finished() {
        state.withLock { $0.pid = nil }
    }
}
