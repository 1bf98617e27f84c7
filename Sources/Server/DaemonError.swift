import Basics

/// Why the daemon could not start or sync, phrased so the operator knows what to fix.
public enum DaemonError: Error, Sendable, CustomStringConvertible {
    case secretUnreadable(path: String)
    case secretEmpty(path: String)
    case badListenAddress(String)
    case git(command: String, status: Int32, output: String)
    case rollbackUnavailable
    case containersUnavailable

    public var description: String {
        switch self {
        case .secretUnreadable(let path):
            return "cannot read the secret file \(path): check the path and that this user may read it"
        case .secretEmpty(let path):
            return "the secret file \(path) is empty: put the shared secret in it"
        case .badListenAddress(let text):
            return "`\(text)` is not a listen address: use HOST:PORT, e.g. 127.0.0.1:9420"
        case .git(let command, let status, let output):
            let detail = URLCredentials.strip(output.trimmingWhitespaceAndNewlines())
            return "`git \(URLCredentials.strip(command))` failed with status \(status): \(detail)"
        case .rollbackUnavailable:
            return "this daemon's pass runner cannot roll back: run `reconcile rollback STACK --revision N` instead"
        case .containersUnavailable:
            return "this daemon's pass runner reads no engine: run `docker ps` on the host instead"
        }
    }
}
