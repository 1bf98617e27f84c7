import Glibc

/// A detached POSIX thread that runs one closure: what `Foundation.Thread` gave, without full Foundation.
enum DetachedThread {
    /// Runs `body` on a new thread; returns `pthread_create`'s error number, 0 when the thread started.
    /// (Unnamed: Glibc's module map leaves out the GNU-only `pthread_setname_np`.)
    static func start(_ body: @escaping @Sendable () -> Void) -> Int32 {
        let context = Unmanaged.passRetained(Work(body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, context)
        if result != 0 { Unmanaged<Work>.fromOpaque(context).release() }
        return result
    }

    /// The closure, handed through `pthread_create`'s context pointer (C callbacks capture nothing).
    private final class Work {
        let body: @Sendable () -> Void

        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }
}
