import NIOCore

extension Daemon {
    /// One event-loop thread and one blocking-pool thread for NIO's shared groups, instead of one per core: the
    /// daemon's listener takes a few webhooks and status requests a minute, and its MQTT subscriptions a message
    /// now and then; each idle loop thread still costs its stack and buffers. Call it once, before anything uses
    /// NIO (NIO stops a program that changes these after first use).
    public static func useOneEventLoopThread() {
        NIOSingletons.groupLoopCountSuggestion = 1
        NIOSingletons.blockingPoolThreadCountSuggestion = 1
    }
}
