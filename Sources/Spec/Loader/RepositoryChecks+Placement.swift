import Basics

/// Placement: every stack runs somewhere, every name in a placement exists, host data has somewhere to live.
extension RepositoryChecks {
    /// A host file's `stacks:` entry must name a stack folder, and every stack must run somewhere;
    /// returns the stacks placed nowhere.
    func checkListings(_ placements: PlacementIndex) -> Set<String> {
        var unplaced = Set<String>()
        let known = placements.outlines.keys
        for listing in placements.listings where placements.outlines[listing.stack] == nil {
            let hint = EditDistance.hint(for: listing.stack, among: known)
            sink.error(listing.location, "host `\(listing.host)` lists stack `\(listing.stack)`, but there is no "
                           + "`stacks/\(listing.stack)/`" + (hint.isEmpty ? "; add the folder with its compose file, or remove the entry" : hint))
        }
        for outline in placements.outlines.values.sorted(by: { $0.name < $1.name })
        where outline.placesItself == false && placements.hosts(listing: outline.name).isEmpty {
            unplaced.insert(outline.name)
            sink.error(outline.location, "stack `\(outline.name)` is placed on no host; add `\(outline.name)` to "
                           + "`stacks:` in `hosts/<host>.yaml`, or `x-reconcile: {hosts: [<host>]}` to \(outline.file)")
        }
        return unplaced
    }

    /// `x-reconcile.hosts` names real hosts, and a selector matches one; returns the stacks that fail. A host whose
    /// file has errors is not reported again here (and a selector is not judged while a host file is broken).
    func checkPlacement(_ stacks: [StackSpec], hosts: [HostSpec], hostFiles: Set<String>) -> Set<String> {
        var failed = Set<String>()
        let hostNames = Set(hosts.map(\.name))
        let brokenHosts = hostFiles.subtracting(hostNames)
        for stack in stacks {
            switch stack.placement {
            case .hosts(let names)?:
                for name in names where !hostNames.contains(name) {
                    failed.insert(stack.name)
                    if brokenHosts.contains(name) { continue }
                    sink.error(stack.hostSources?[name] ?? stack.policySource, "stack `\(stack.name)` is placed on unknown host `\(name)`"
                                   + ReferenceChecker.nextStep(EditDistance.hint(for: name, among: hostNames),
                                                               otherwise: "; add `hosts/\(name).yaml`, or remove it from `x-reconcile.hosts`"))
                }
            case .selector?:
                if brokenHosts.isEmpty, !hosts.contains(where: { stack.placement?.matches($0) == true }) {
                    sink.error(stack.policySource, "the host selector of stack `\(stack.name)` matches no host; "
                                   + "give a host file that `vlan` or those `labels`, or change the selector")
                    failed.insert(stack.name)
                }
            case nil:
                continue
            }
        }
        return failed
    }

    /// A stack with host data needs the host's `data:` root: one error per stack and host, at its first such mount
    /// in the file.
    func missingDataRoot(on host: HostSpec, stacks: [StackSpec]) -> Set<String> {
        guard host.data == nil else { return [] }
        var involved = Set<String>()
        for stack in stacks {
            let mounts = stack.hostDataMounts
            guard let first = mounts.min(by: { ($0.data.location.line, $0.data.location.column) < ($1.data.location.line, $1.data.location.column) })
            else { continue }
            let folder = first.data.path.split(separator: "/").dropFirst().joined(separator: "/")
            sink.error(first.data.location, "service `\(first.service)` keeps its data in `./\(folder)` (not in the "
                           + "repository, so it is host data), but host `\(host.name)` has no data root; add "
                           + "`data: /srv/reconcile` (a folder on \(host.name)) to \(host.source.file)")
            involved.insert(stack.name)
        }
        return involved
    }
}
