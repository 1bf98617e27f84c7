import Notify
import Server
import Store

extension VersionUpdateNotice {
    /// The notice of an update the daemon found, buttons and release notes included.
    init(_ found: FoundVersionUpdate) {
        let record = found.record
        self.init(id: record.id, stack: record.stack, service: record.service, image: record.image,
                  current: record.currentTag, candidate: record.candidateTag, step: record.step, mode: record.mode,
                  approveURL: found.links?.approve, skipURL: found.links?.skip, releaseNotes: found.releaseNotes)
    }
}
