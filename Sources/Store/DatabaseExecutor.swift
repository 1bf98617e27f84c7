import Dispatch

/// A serial executor on its own dispatch queue, so the Store's blocking SQLite calls (a busy wait
/// on another process's lock, a WAL checkpoint's fsync) hold a queue thread, never one of the few
/// cooperative-pool threads every other task in the process shares.
final class DatabaseExecutor: SerialExecutor {
    /// The queue the Store's jobs run on, one at a time.
    let queue: DispatchQueue

    /// Marks each executor's queue so code can check it runs where the Store confines SQLite.
    static let queueKey = DispatchSpecificKey<ObjectIdentifier>()

    init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: DatabaseExecutor.queueKey, value: ObjectIdentifier(self))
    }

    /// Whether the calling code runs on this executor's queue.
    var isCurrent: Bool {
        DispatchQueue.getSpecific(key: DatabaseExecutor.queueKey) == ObjectIdentifier(self)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async {
            job.runSynchronously(on: executor)
        }
    }
}
