import Notify
import Server
import Store

extension VersionUpdateNotice {
    /// As `reconcile daemon` maps a found update to its notice (Sources/reconcile/VersionUpdateNotice+Found.swift,
    /// which tests cannot import from the executable).
    init(found: FoundVersionUpdate) {
        let record = found.record
        self.init(id: record.id, stack: record.stack, service: record.service, image: record.image,
                  current: record.currentTag, candidate: record.candidateTag, step: record.step, mode: record.mode,
                  approveURL: found.links?.approve, skipURL: found.links?.skip, releaseNotes: found.releaseNotes)
    }
}
