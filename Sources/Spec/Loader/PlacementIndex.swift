import Basics
import YAML

/// Who places which stack, gathered from every host and compose file, also those with errors, so that
/// "placed on no host" is reported together with every other error and never as a follow-on of one.
struct PlacementIndex {
    /// One `stacks:` entry of a host file.
    struct Listing {
        var host: String
        var stack: String
        var location: SourceLocation
    }

    /// One stack folder with a compose file.
    struct Outline {
        var name: String
        var file: String
        /// Whether the compose file has `x-reconcile.hosts`; nil while it could not be read.
        var placesItself: Bool?
        /// Where the compose file's content starts.
        var location: SourceLocation
    }

    private(set) var listings: [Listing] = []
    /// Every host with a file, also one that has errors (those are reported at the host file, not again here).
    private(set) var hostFiles: Set<String> = []
    private(set) var outlines: [String: Outline] = [:]

    /// Reads `stacks:` leniently (the host decoder reports what is wrong with it).
    mutating func addHostFile(_ host: String) {
        hostFiles.insert(host)
    }

    mutating func addListings(of host: String, root: YAMLNode) {
        guard let node = root.pair(forKey: "stacks")?.value else { return }
        for item in node.sequence ?? [node] {
            // An invalid name is the host decoder's error; listing it here would report it twice.
            guard let name = item.scalar?.value, !item.isNull, Names.isValidProject(name) else { continue }
            listings.append(Listing(host: host, stack: name, location: item.mark))
        }
    }

    mutating func addStack(_ name: String, file: String) {
        outlines[name] = Outline(name: name, file: file, placesItself: nil, location: .file(file))
    }

    mutating func notePlacement(of stack: String, root: YAMLNode) {
        outlines[stack]?.placesItself = root.pair(forKey: "x-reconcile")?.value.pair(forKey: "hosts") != nil
        outlines[stack]?.location = root.mark
    }

    /// Hosts whose file lists `stack`.
    func hosts(listing stack: String) -> [String] {
        listings.filter { $0.stack == stack }.map(\.host)
    }
}
