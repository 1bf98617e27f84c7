import Synchronization

/// Idle easy handles of one transport. Reusing a handle reuses its open
/// connection, so a burst of API calls costs one connect, not one per call.
final class CurlHandlePool: Sendable {
    private let idle = Mutex<[CurlHandle]>([])
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// An idle handle, or a new one when all are busy.
    func take() throws(CurlCallError) -> CurlHandle {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        return try CurlHandle()
    }

    /// Returns a handle after its transfer; beyond capacity it is freed (closing its connection).
    func put(_ handle: CurlHandle) {
        handle.reset()
        idle.withLock { handles in
            if handles.count < capacity { handles.append(handle) }
        }
    }

    /// How many handles wait idle; for tests and diagnostics.
    var idleCount: Int { idle.withLock { $0.count } }
}
