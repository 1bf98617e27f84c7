import ArgumentParser
import Controller
import FoundationEssentials

/// A new repository skeleton; never writes over anything.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a repository: hosts/, reconcile.yaml, .gitignore, the post-receive hook and a README.",
        discussion: """
            --host NAME=ENDPOINT (repeatable) writes hosts/NAME.yaml, e.g. --host nas=unix:///var/run/docker.sock; \
            without it, one host `local` on DOCKER_HOST or the local socket. Writes into --repo (default .); refuses \
            to overwrite anything.
            """
    )

    /// `--repo` and `--host` are the shared options (the root command parses them wherever they stand); here
    /// `--host` is `NAME=ENDPOINT`.
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let parsed: [RepositorySkeleton.Host]
        do { parsed = try global.hosts.map(RepositorySkeleton.Host.parse) } catch { throw ValidationError(error.description) }
        let skeleton = RepositorySkeleton(hosts: parsed.isEmpty ? [.local(environment: ProcessInfo.processInfo.environment)] : parsed)
        let root = URL(fileURLWithPath: global.repo).standardizedFileURL
        do {
            for path in try skeleton.write(to: root) { print("+ \(path)") }
        } catch {
            print("error: \(error.description)")
            throw ExitCode.failure
        }
        print("next: `reconcile adopt --host \(skeleton.hosts[0].name)` for what runs there already, then `reconcile validate`")
    }
}
