import FoundationEssentials
import Planner
import Spec
import Store

/// An earlier revision's containers rebuilt exactly: the full recorded config of each service,
/// with environment values taken from the current repo only where their fingerprints still match.
struct RollbackTarget: Sendable {
    let revision: RevisionRecord
    /// In the current stack's dependency order; services the repo no longer has come last.
    let containers: [DesiredContainer]

    /// - Parameter current: what the repo wants now, by service name (the source of env values).
    static func load(_ revision: RevisionRecord, stack: StackSpec, current: [String: DesiredContainer],
                     store: Store, redactor: Redactor) async throws -> RollbackTarget {
        let hashes = RecordedSpec.hashes(revision.spec)
        guard !hashes.isEmpty else { throw RollbackError.noRecordedConfig(revision: revision.id) }
        let order = stack.servicesInDependencyOrder.map(\.name)
        let names = hashes.keys.sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
        var containers: [DesiredContainer] = []
        for name in names {
            guard let hash = hashes[name] else { continue }
            guard let json = try await store.serviceConfig(hash: hash) else {
                throw RollbackError.missingConfig(revision: revision.id, service: name, hash: hash)
            }
            let recorded = try CanonicalConfig.decode(Data(json.utf8))
            let desired = try rebuild(recorded, stack: stack, current: current[name], revision: revision.id,
                                  redactor: redactor)
            // Revisions recorded before hash scheme 2 name the scheme-1 hash of the same config.
            guard desired.hash == hash || desired.legacyHash == hash else {
                throw RollbackError.notExact(revision: revision.id, service: name, recorded: hash,
                                             rebuilt: desired.hash ?? "no hash")
            }
            containers.append(desired)
        }
        return RollbackTarget(revision: revision, containers: containers)
    }

    /// The recorded (redacted) config with its environment put back from `current`.
    static func rebuild(_ recorded: CanonicalConfig, stack: StackSpec, current: DesiredContainer?,
                        revision: Int64, redactor: Redactor) throws -> DesiredContainer {
        let name = recorded.service.name
        var environment: [String: String?] = [:]
        for (key, fingerprint) in recorded.service.environment {
            guard let fingerprint else {
                environment[key] = .some(nil)
                continue
            }
            guard let value = current?.service.environment[key] ?? nil,
                  redactor.fingerprint(value) == fingerprint || Redactor.legacyFingerprint(value) == fingerprint else {
                throw RollbackError.secretNotStored(revision: revision, service: name, variable: key)
            }
            environment[key] = value
        }
        // Interpolated values elsewhere (command, healthcheck, labels, …) come back from the current repo's secrets.
        var withoutEnvironment = recorded
        withoutEnvironment.service.environment = [:]
        // Repo files and copied-in values are checked by fingerprint below; a secret's is keyed, not a value to restore.
        withoutEnvironment.repoFiles = [:]
        var service: ServiceSpec
        switch redactor.restore(withoutEnvironment, candidates: stack.secrets) {
        case .success(let restored): service = restored.service
        case .failure(let unknown):
            throw RollbackError.interpolatedValueNotStored(revision: revision, service: name, fingerprint: unknown.token)
        }
        service.environment = environment
        service.environmentFromFiles = current?.service.environmentFromFiles.intersection(environment.keys) ?? []
        let files = current?.repoFiles ?? [:]
        for (path, hash) in recorded.repoFiles.sorted(by: { $0.key < $1.key }) where files[path] != hash {
            throw RollbackError.repoFileChanged(revision: revision, service: name, path: path)
        }
        // History leaves the checkout's path out of repo mounts; the content is unchanged (checked above), so
        // it is shipped from where the repo has it now.
        for index in service.volumes.indices {
            guard let relative = service.volumes[index].repoRelativeSource else { continue }
            service.volumes[index].source = current?.service.volumes.first { $0.repoRelativeSource == relative }?.source
                ?? checkoutPath(of: relative, stack: stack)
        }
        // Copied-in values are not recorded; their fingerprints matched the current repo's (checked above).
        service.injectedFiles = service.injectedFiles?.map { file in
            current?.service.injectedFiles?.first { $0.name == file.name }.map { current in
                var file = file
                file.content = current.content
                return file
            } ?? file
        }
        guard let imageID = recorded.imageID else { throw RollbackError.noImageRecorded(revision: revision, service: name) }
        return DesiredContainer(stack: stack, service: service, imageID: imageID, repoFiles: recorded.repoFiles)
    }

    /// The absolute path of a repository-relative one: the stack folder is `<root>/<folder of its compose file>`.
    static func checkoutPath(of relative: String, stack: StackSpec) -> String {
        let folder = stack.file.split(separator: "/").dropLast().joined(separator: "/")
        let root = stack.directory.hasSuffix("/" + folder) ? String(stack.directory.dropLast(folder.count + 1)) : stack.directory
        return root + "/" + relative
    }
}
