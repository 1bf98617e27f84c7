import Foundation
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
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        if let events = object["events"] as? [[String: Any]] { return registryEvents(events) }
        if let package = object["package"] as? [String: Any] { return githubPackage(package, registry: object["registry"]) }
        if let image = object["image"] as? String, !image.isEmpty {
            let tag = (object["tag"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            let hasTag = image.split(separator: "/").last?.contains(":") ?? false
            let reference = tag.map { "\(image):\($0)" } ?? (hasTag ? image : "\(image):latest")
            return [ImageNotice(reference: reference, digest: object["digest"] as? String)]
        }
        return nil
    }

    /// Only manifest pushes with a tag move a tag; blob pushes and pulls are noise.
    static func registryEvents(_ events: [[String: Any]]) -> [ImageNotice] {
        events.compactMap { event in
            guard event["action"] as? String == "push", let target = event["target"] as? [String: Any],
                  let repository = target["repository"] as? String, let tag = target["tag"] as? String, !tag.isEmpty
            else { return nil }
            let host = (event["request"] as? [String: Any])?["host"] as? String
            let name = host.map { "\($0)/\(repository)" } ?? repository
            return ImageNotice(reference: "\(name):\(tag)", digest: target["digest"] as? String)
        }
    }

    /// GitHub's `package` webhook (`published`/`updated`) for a container package; untagged pushes move no tag.
    static func githubPackage(_ package: [String: Any], registry: Any?) -> [ImageNotice] {
        guard let version = package["package_version"] as? [String: Any] else { return [] }
        let metadata = (version["container_metadata"] as? [String: Any])?["tag"] as? [String: Any]
        guard let tag = metadata?["name"] as? String, !tag.isEmpty else { return [] }
        let digest = metadata?["digest"] as? String
        if let url = (version["package_url"] as? String)?.split(separator: "@").first,
           let written = try? ImageReference.parse(String(url)) {
            return [ImageNotice(reference: "\(written.repository):\(tag)", digest: digest)]
        }
        guard let name = package["name"] as? String else { return [] }
        let namespace = (package["namespace"] as? String) ?? ((package["owner"] as? [String: Any])?["login"] as? String)
        let host = ((registry as? [String: Any])?["url"] as? String).flatMap { URL(string: $0)?.host } ?? "ghcr.io"
        let path = [namespace, name].compactMap { $0?.lowercased() }.joined(separator: "/")
        return [ImageNotice(reference: "\(host)/\(path):\(tag)", digest: digest)]
    }
}
