import Basics
import Docker
import Planner
import Spec

/// "Does this running container already run what the repository says?", field by field (`InspectField`),
/// in words that name the field and never a value that may be a secret.
enum TakeoverComparison {
    /// Fields whose values may carry secrets (variables, command lines, probes): named, never shown.
    static let opaque: Set<String> = ["Env", "Labels", "Cmd", "Entrypoint", "Healthcheck"]

    /// What differs between a running container's inspect and the predicted inspect of the desired one.
    static func differences(live: JSONValue, expected: JSONValue, desired: DesiredContainer,
                            desiredImageID: String?) -> [String] {
        var out: [String] = []
        let repoContent = desired.service.volumes.compactMap(\.repoRelativeSource)
        if !repoContent.isEmpty {
            // Its files come from the repository, shipped into reconcile's own volume: a container mounting
            // them from elsewhere is not that container, whatever the files hold.
            out.append("it mounts repository content (\(repoContent.joined(separator: ", "))), which reconcile ships itself")
        }
        if !(desired.service.injectedFiles ?? []).isEmpty {
            out.append("secrets or configs are copied into it at create")
        }
        if let desiredImageID, let running = live["Image"]?.string, running != desiredImageID {
            out.append("image: runs \(ConfigDiff.short(running)), \(desired.service.image) is \(ConfigDiff.short(desiredImageID))")
        }
        for field in InspectField.all {
            let a = field.value(live), b = field.value(expected)
            guard a != b else { continue }
            switch field.name {
            case "Env":
                out += keyed("environment", pairs(live["Config"]?["Env"]), pairs(expected["Config"]?["Env"]))
            case "Labels":
                out += keyed("label", labels(live), labels(expected))
            case let name where opaque.contains(name):
                out.append("\(name) differs")
            default:
                out.append("\(field.name): runs \(a), the repository says \(b)")
            }
        }
        return out
    }

    static func pairs(_ env: JSONValue?) -> [String: String] {
        Dictionary((env?.array ?? []).compactMap(\.string).map { entry in
            let name = ExpectedInspect.variableName(entry)
            return (String(name), String(entry.dropFirst(name.count)))
        }, uniquingKeysWith: { _, last in last })
    }

    static func labels(_ inspect: JSONValue) -> [String: String] {
        (inspect["Config"]?["Labels"]?.object ?? [:])
            .filter { label in !InspectField.toolLabelPrefixes.contains { label.key.hasPrefix($0) } }
            .mapValues { $0.string ?? "" }
    }

    /// `environment TZ: set only on the running container` — the key, never the value.
    static func keyed(_ what: String, _ running: [String: String], _ wanted: [String: String]) -> [String] {
        Set(running.keys).union(wanted.keys).sorted().compactMap { key in
            switch (running[key], wanted[key]) {
            case (nil, _?): "\(what) \(key): not set on the running container"
            case (_?, nil): "\(what) \(key): set only on the running container"
            case let (x?, y?) where x != y: "\(what) \(key): another value"
            default: nil
            }
        }
    }
}
