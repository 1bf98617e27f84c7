import CSpawn
import Glibc

/// One pipe, both ends closed exactly once: here, or in `deinit`. Close-on-exec from its creation, so only the
/// child we hand an end to (through `dup2`) keeps it, never one that another thread spawns meanwhile.
final class PipeEnds {
    let read: Int32
    private(set) var write: Int32

    init() throws(ChildProcessError) {
        var ends: [Int32] = [-1, -1]
        guard reconcile_pipe_cloexec(&ends) == 0 else { throw ChildProcessError(executable: "", call: "pipe2", code: errno) }
        (read, write) = (ends[0], ends[1])
    }

    func closeWriteEnd() {
        if write >= 0 { close(write) }
        write = -1
    }

    deinit {
        close(read)
        closeWriteEnd()
    }
}
