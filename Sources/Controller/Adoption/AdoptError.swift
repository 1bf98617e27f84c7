/// Why `reconcile adopt` wrote nothing, or not all it was asked to.
public enum AdoptError: Error, CustomStringConvertible, Sendable {
    case unknownHost(String, known: [String])
    case repository(diagnostics: [String])
    case unknownProjects([String], found: [String])
    case placement(file: String, line: Int, stacks: [String])
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownHost(let host, let known):
            return "no host \(host) in hosts/ (known: \(known.isEmpty ? "none" : known.joined(separator: ", "))); "
                + "run `reconcile init --host \(host)=ENDPOINT` to add it"
        case .repository(let diagnostics):
            return diagnostics.joined(separator: "\n") + "\nthe repository has errors; fix them (`reconcile validate`) and adopt again"
        case .unknownProjects(let names, let found):
            return "no project \(names.joined(separator: ", ")) runs there (found: \(found.isEmpty ? "none" : found.joined(separator: ", "))); "
                + "check the name with `docker compose ls`"
        case .placement(let file, let line, let stacks):
            return "\(file):\(line): `stacks:` is in a form adopt does not edit; add \(stacks.joined(separator: ", ")) to it by hand"
        case .write(let path, let reason):
            return "\(path): \(reason); nothing more was written"
        }
    }
}
