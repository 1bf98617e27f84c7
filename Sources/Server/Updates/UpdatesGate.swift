/// One at a time, across suspension points: the registry round and followed links share the updates clone, and
/// two git commands must never run in it at once (an actor alone is reentrant at every `await`).
actor UpdatesGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func serialized<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
        let result = await body()
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
        return result
    }
}
