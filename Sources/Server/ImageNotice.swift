import Basics
import FoundationEssentials
import Spec

/// "This tag now points at new content", from any of the forms `/hooks/image` accepts.
public struct ImageNotice: Sendable, Hashable {
    /// `registry/path:tag` as pushed, e.g. `127.0.0.1:5000/lab/app:stable`.
    public var reference: String
    public var digest: String?

    public init(reference: String, digest: String? = nil) {
        self.reference = reference
        self.digest = digest
    }

    /// Reads a registry notification envelope, a GitHub `package` event or the generic `{image, tag, digest?}`.
    public static func parse(_ body: Data) -> [ImageNotice]? {
        guard let object = JSONValue.parse(body)?.object else { return nil }
        // Every element an object, or the list does not count (a cast to `[[String: Any]]` asked the same).
        if let events = object["events"]?.array?.map(\.object), !events.contains(where: { $0 == nil }) {
            return registryEvents(events.compactMap { $0 })
        }
        if let package = object["package"]?.object { return githubPackage(package, registry: object["registry"]) }
        if let image = object["image"]?.string, !image.isEmpty {
            let tag = object["tag"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            let hasTag = image.split(separator: "/").last?.contains(":") ?? false
            let reference = tag.map { "\(image):\($0)" } ?? (hasTag ? image : "\(image):latest")
            return [ImageNotice(reference: reference, digest: object["digest"]?.string)]
        }
        return nil
    }

    /// Only manifest pushes with a tag move a tag; blob pushes and pulls are noise.
    static func registryEvents(_ events: [[String: JSONValue]]) -> [ImageNotice] {
        events.compactMap { event in
            guard event["action"]?.string == "push", let target = event["target"]?.object,
                  let repository = target["repository"]?.string, let tag = target["tag"]?.string, !tag.isEmpty
            else { return nil }
            let host = event["request"]?["host"]?.string
            let name = host.map { "\($0)/\(repository)" } ?? repository
            return ImageNotice(reference: "\(name):\(tag)", digest: target["digest"]?.string)
        }
    }

    /// GitHub's `package` webhook (`published`/`updated`) for a container package; untagged pushes move no tag.
    static func githubPackage(_ package: [String: JSONValue], registry: JSONValue?) -> [ImageNotice] {
        guard let version = package["package_version"]?.object else { return [] }
        let metadata = version["container_metadata"]?["tag"]?.object
        guard let tag = metadata?["name"]?.string, !tag.isEmpty else { return [] }
        let digest = metadata?["digest"]?.string
        if let url = version["package_url"]?.string?.split(separator: "@").first,
           let written = try? ImageReference.parse(String(url)) {
            return [ImageNotice(reference: "\(written.repository):\(tag)", digest: digest)]
        }
        guard let name = package["name"]?.string else { return [] }
        let namespace = package["namespace"]?.string ?? package["owner"]?["login"]?.string
        let host = registry?["url"]?.string.flatMap { URL(string: $0)?.host } ?? "ghcr.io"
        let path = [namespace, name].compactMap { $0?.lowercased() }.joined(separator: "/")
        return [ImageNotice(reference: "\(host)/\(path):\(tag)", digest: digest)]
    }
}
