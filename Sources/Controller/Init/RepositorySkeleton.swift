import FoundationEssentials

/// `reconcile init`: a new repository — a host file per engine, `reconcile.yaml` with its defaults in comments,
/// `.gitignore`, the post-receive hook and a README — written only where nothing exists yet.
public struct RepositorySkeleton: Sendable {
    /// One engine: the host file's name and its endpoint.
    public struct Host: Sendable, Equatable {
        public var name: String
        public var endpoint: String

        public init(name: String, endpoint: String) {
            self.name = name
            self.endpoint = endpoint
        }

        /// `nas=unix:///var/run/docker.sock`.
        public static func parse(_ argument: String) throws(InitError) -> Host {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw .badHost(argument)
            }
            let name = String(argument[..<equals]), endpoint = String(argument[argument.index(after: equals)...])
            guard !endpoint.isEmpty, let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first),
                  name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
            else { throw .badHost(argument) }
            return Host(name: name, endpoint: endpoint)
        }

        /// With no `--host`: this machine's engine, as the docker CLI finds it.
        public static func local(environment: [String: String]) -> Host {
            Host(name: "local", endpoint: environment["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "unix:///var/run/docker.sock")
        }
    }

    public var hosts: [Host]

    public init(hosts: [Host]) {
        self.hosts = hosts
    }

    /// Every file, by repository-relative path, and whether it is executable.
    public var files: [(path: String, text: String, executable: Bool)] {
        hosts.map { ("hosts/\($0.name).yaml", Self.hostFile($0), false) } + [
            ("reconcile.yaml", Self.settingsFile, false),
            (".gitignore", ".state/\n*.sqlite-wal\n*.sqlite-shm\n", false),
            ("hooks/post-receive", PostReceiveHook.text + "\n", true),
            ("stacks/.gitkeep", "", false),
            ("README.md", Self.readme(hosts), false),
        ]
    }

    /// Writes every file, or none: anything already there is refused before the first write.
    /// - Returns: the paths written.
    @discardableResult
    public func write(to root: URL) throws(InitError) -> [String] {
        let files = files
        let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard existing.isEmpty else { throw .exists(existing) }
        for file in files {
            let url = root.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
                if file.executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            } catch {
                throw .write(file.path, "\(error)")
            }
        }
        return files.map(\.path)
    }
}

/// Why `reconcile init` wrote nothing.
public enum InitError: Error, CustomStringConvertible, Equatable {
    case badHost(String)
    case exists([String])
    case write(String, String)

    public var description: String {
        switch self {
        case .badHost(let argument):
            "--host \(argument): expected NAME=ENDPOINT, a lower-case name and an endpoint (nas=unix:///var/run/docker.sock)"
        case .exists(let paths):
            "\(paths.joined(separator: ", ")) exist\(paths.count == 1 ? "s" : "") already; init writes nothing over "
                + "a repository: run it in an empty folder"
        case .write(let path, let reason):
            "\(path) could not be written: \(reason)"
        }
    }
}
