import FoundationEssentials
import Sealed

extension RepoContent {
    /// The same tree with every age or SOPS file opened in memory, for filling the volume. Volume names and labels
    /// keep coming from the repository's (encrypted) bytes, so no hash of a plaintext reaches a host's labels.
    func decrypted(keys: AgeKeys?, source: String) throws(RepoFileError) -> RepoContent {
        var copy = self
        for index in copy.entries.indices {
            guard case .file(let data) = copy.entries[index].kind, SealedFile.kind(of: Array(data)) != nil else { continue }
            let path = isDirectory ? source + "/" + copy.entries[index].path : source
            guard let keys else {
                throw RepoFileError(path: path, message: "is encrypted and no age key was given; pass --age-key-file")
            }
            do {
                guard let opened = try SealedFile.open(Array(data), keys: keys) else { continue }
                copy.entries[index].kind = .file(Data(opened.plaintext))
            } catch {
                throw RepoFileError(path: path, message: "does not open: \(error)")
            }
        }
        return copy
    }
}
