import Glibc

/// A detached POSIX thread that runs one closure: what `Foundation.Thread` gave, without full Foundation.
enum DetachedThread {
    /// Runs `body` on a new thread; returns `pthread_create`'s error number, 0 when the thread started.
    /// (Unnamed: Glibc's module map leaves out the GNU-only `pthread_setname_np`.)
    static func start(_ body: @escaping @Sendable () -> Void) -> Int32 {
        let context = Unmanaged.passRetained(Work(body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return result
        }
        // Nobody joins it: its resources go back to the system when `body` returns.
        pthread_detach(thread)
        return 0
    }

    /// The closure, handed through `pthread_create`'s context pointer (C callbacks capture nothing).
    private final class Work {
        let body: @Sendable () -> Void

        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }
}
