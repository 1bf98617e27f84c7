import Basics
import Foundation
import Planner
import Spec
import Testing
@testable import Controller

/// The recorded spec's bytes: what `history show` prints and rollback reads hashes from.
struct RecordedSpecTests {
    static let redactor = Redactor(keyBytes: Array(repeating: 2, count: 32))
    static let here = Basics.SourceLocation(file: "stacks/web/compose.yaml", line: 3, column: 5)

    static func plan() -> StackPlan {
        var web = ServiceSpec(name: "web", image: "lab/app:stable", source: here)
        web.environment = ["DB_PASSWORD": "hunter2", "DB_HOST": "db", "db1": nil, "A2": "x", "a10": "y"]
        web.labels = ["traefik.http.routers.web.rule": "Host(`web.lan`) && PathPrefix(`/api`)", "traefik.enable": "true"]
        web.command = ["sh", "-c", "echo \"quoted\"\tand tabbed\\n"]
        web.cpus = 1.5
        web.memLimit = 268_435_456
        web.privileged = false
        web.stopGracePeriod = .seconds(10)
        var db = ServiceSpec(name: "db", image: "postgres:16", source: here)
        db.healthcheck = Healthcheck(test: ["CMD", "pg_isready"])
        let stack = StackSpec(name: "web", projectName: "web", directory: "/repo/stacks/web", file: "stacks/web/compose.yaml",
                              services: [web, db], placement: .hosts(["nas"]), prune: true, source: here, policySource: here)
        let actions = [web, db].map { service in
            PlannedAction(kind: .create, stack: "web", subject: service.name,
                          desired: DesiredContainer(stack: stack, service: service,
                                                    imageID: "sha256:" + String(repeating: "1", count: 64),
                                                    repoFiles: service.name == "web" ? ["config/nginx.conf": "sha256:ab"] : [:]))
        }
        return StackPlan(stack: "web", spec: stack, actions: actions)
    }

    /// What `RecordedSpec.json` wrote while it went through `JSONSerialization`, kept here as the reference.
    static func foundationJSON(_ plan: StackPlan) throws -> String {
        var document = RecordedSpec.Document(services: [:], hashes: [:])
        for action in plan.actions {
            guard let desired = action.desired else { continue }
            document.services[desired.service.name] = Self.redactor.redact(desired)
            if let hash = desired.hash { document.hashes[desired.service.name] = hash }
        }
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(document))
        let data = try JSONSerialization.data(withJSONObject: prune(object) ?? [:],
                                              options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func prune(_ value: Any) -> Any? {
        switch value {
        case let dict as [String: Any]:
            let kept = dict.compactMapValues(prune)
            return kept.isEmpty ? nil : kept
        case let array as [Any]:
            return array.isEmpty ? nil : array.compactMap(prune)
        case is NSNull:
            return nil
        case let number as NSNumber where String(cString: number.objCType) == "c":
            return number.boolValue ? number : nil
        default:
            return value
        }
    }

    @Test func bytesMatchWhatJSONSerializationWrote() throws {
        let plan = Self.plan()
        #expect(RecordedSpec.json(plan, redactor: Self.redactor) == (try Self.foundationJSON(plan)))
    }

    @Test func bytesArePinned() throws {
        let url = try #require(Bundle.module.url(forResource: "recorded-spec", withExtension: "json", subdirectory: "Fixtures"))
        let pinned = try String(contentsOf: url, encoding: .utf8)
        #expect(RecordedSpec.json(Self.plan(), redactor: Self.redactor) + "\n" == pinned)
    }

    @Test func hashesReadBack() {
        let spec = RecordedSpec.json(Self.plan(), redactor: Self.redactor)
        #expect(RecordedSpec.hashes(spec).keys.sorted() == ["db", "web"])
        #expect(RecordedSpec.hashes("{\"hashes\": {\"web\": 3}}") == [:])
        #expect(RecordedSpec.hashes("not json") == [:])
    }
}
