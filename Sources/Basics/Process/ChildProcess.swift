import CSpawn
import FoundationEssentials
import Glibc

/// Runs a program to completion through `posix_spawn`, stdin on `/dev/null` (or a small `input`),
/// stdout and stderr captured.
///
/// Both pipes are drained together with `poll`, so a child that fills one while we wait on the other
/// cannot deadlock. The child gets descriptors 0–2 and nothing else: sockets and files the process has open
/// (libcurl's connections, the database) are closed in it even when they lack close-on-exec.
/// Blocking: call it off the cooperative pool (`runOffPool`).
public struct ChildProcess: Sendable {
    public var executable: String
    public var arguments: [String]
    /// The child's whole environment; nil inherits ours.
    public var environment: [String: String]?
    /// What the child reads on stdin; written whole before reading its output, so keep it under a pipe's 64 KiB.
    public var input: Data?

    public init(executable: String, arguments: [String], environment: [String: String]? = nil, input: Data? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.input = input
    }

    public struct Result: Sendable {
        /// The exit code, or the signal number when a signal ended the child (as `Foundation.Process` reported).
        public var status: Int32
        public var standardOutput: Data
        public var standardError: Data
    }

    /// Runs the program to its end. With a `timeout`, or when `control` is cancelled, the child and everything it
    /// started (its own process group: git's ssh and remote helpers) are killed and this throws.
    public func run(timeout: Duration? = nil, control: ChildProcessControl? = nil) throws(ChildProcessError) -> Result {
        let output = try PipeEnds(), errors = try PipeEnds()
        let stdin = input == nil ? nil : try PipeEnds()
        let pid = try spawn(stdin: stdin, stdout: output, stderr: errors)
        control?.started(pid)
        // Our copies of the write ends must go, or the reads below never see end-of-file.
        output.closeWriteEnd()
        errors.closeWriteEnd()
        if let stdin, let input {
            // A child that exits without reading would otherwise kill us with SIGPIPE; EPIPE is enough.
            signal(SIGPIPE, SIG_IGN)
            input.withUnsafeBytes { bytes in _ = write(stdin.write, bytes.baseAddress, bytes.count) }
            stdin.closeWriteEnd()
        }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        let (stdout, stderr, timedOut) = Self.drain(output, errors, deadline: deadline, group: pid)
        let status = Self.wait(for: pid)
        control?.finished()
        if control?.isCancelled == true {
            throw ChildProcessError(executable: executable, call: "run", code: ECANCELED, detail: "cancelled; it was stopped")
        }
        if timedOut, let timeout {
            throw ChildProcessError(executable: executable, call: "run", code: ETIMEDOUT,
                                    detail: "did not finish within \(timeout) and was stopped")
        }
        return Result(status: status, standardOutput: stdout, standardError: stderr)
    }

    /// Starts the child in a process group of its own, its standard streams on the given pipes, every other
    /// descriptor closed, and no signal blocked.
    private func spawn(stdin: PipeEnds?, stdout: PipeEnds, stderr: PipeEnds) throws(ChildProcessError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Dispatch threads block most signals and a child inherits the mask: without an empty one, a child that
        // outlives the call (ssh's control master) would ignore SIGTERM.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        // Close-on-exec is not enough: libraries open descriptors without it (libcurl's sockets, for one), and an
        // ssh control master that inherits a socket keeps that connection open for as long as it lives.
        let closing = reconcile_spawn_close_from(&actions, 3)
        guard closing == 0 else {
            throw ChildProcessError(executable: executable, call: "posix_spawn_file_actions_addclosefrom_np", code: closing)
        }

        var pid = pid_t()
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { (argv + (envp ?? [])).forEach { free($0) } }
        let spawned = envp.map { posix_spawn(&pid, executable, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw ChildProcessError(executable: executable, call: "posix_spawn", code: spawned) }
        return pid
    }

    /// Reads both pipes to end-of-file, whichever has data first. Takes the owners, not bare descriptors,
    /// so they stay open until this returns.
    /// Past `deadline`, the process group `group` is killed (its pipes then close) and the third value is true.
    private static func drain(_ first: PipeEnds, _ second: PipeEnds, deadline: ContinuousClock.Instant?,
                              group: pid_t) -> (Data, Data, Bool) {
        var collected = [Data(), Data()]
        var fds = [first, second].map { pollfd(fd: $0.read, events: Int16(POLLIN), revents: 0) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var timedOut = false
        while fds.contains(where: { $0.fd >= 0 }) {
            for index in fds.indices { fds[index].revents = 0 }
            var wait: Int32 = -1
            if let deadline, !timedOut {
                let left = ContinuousClock.now.duration(to: deadline)
                wait = Int32(clamping: max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0, !timedOut {
                timedOut = true
                kill(-group, SIGKILL)
                continue
            }
            for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = read(fds[index].fd, &buffer, buffer.count)
                if count > 0 {
                    collected[index].append(contentsOf: buffer[..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    fds[index].fd = -1  // done: poll skips negative descriptors; `PipeEnds` closes the real one
                }
            }
        }
        return (collected[0], collected[1], timedOut)
    }

    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : signal
    }
}
