import Planner
import Spec
import Testing

/// Issue 17, point 1: interpolated values are secrets wherever they land, fingerprinted with the installation's key.
@Suite("Secrets never reach a record")
struct RedactorTests {
    static let password = "hunter2-Ünï\"q"

    static func desired(secrets: Set<String>) -> DesiredContainer {
        var service = Fixture.service("db", env: ["PLAIN": "x"])
        service.command = ["postgres", "--password=\(password)"]
        service.entrypoint = ["/entry", password]
        service.healthcheck = Healthcheck(test: ["CMD-SHELL", "pg_isready --password '\(password)'"], retries: 8080)
        service.labels = ["auth": "user:\(password)", "port": "8080"]
        service.ports = [PortSpec(target: 8080, published: "8080")]
        var stack = Fixture.stack("web", [service])
        stack.secrets = secrets
        return DesiredContainer(stack: stack, service: service, imageID: Fixture.imageV1)
    }

    @Test func interpolatedValuesAreRedactedInEveryField() throws {
        let desired = Self.desired(secrets: [Self.password, "8080"])
        let json = Fixture.redactor.redactedJSON(desired)
        #expect(!json.contains("hunter2"))
        let token = Fixture.redactor.fingerprint(Self.password)
        let redacted = Fixture.redactor.redact(desired).service
        #expect(redacted.command == ["postgres", "--password=\(token)"])
        #expect(redacted.entrypoint == ["/entry", token])
        #expect(redacted.healthcheck?.test == ["CMD-SHELL", "pg_isready --password '\(token)'"])
        #expect(redacted.labels["auth"] == "user:\(token)")
        // A secret that looks like a number is redacted in strings, never in the numbers of the model.
        #expect(redacted.labels["port"] == Fixture.redactor.fingerprint("8080"))
        #expect(redacted.ports.first?.target == 8080)
        #expect(redacted.healthcheck?.retries == 8080)
    }

    @Test func fingerprintsAreKeyedPerInstallation() {
        let other = Redactor(keyBytes: Array(repeating: 9, count: 32))
        #expect(Fixture.redactor.fingerprint("1234") != other.fingerprint("1234"))
        #expect(Fixture.redactor.fingerprint("1234").hasPrefix(Redactor.tokenPrefix))
        #expect(Fixture.redactor.fingerprint("1234") == Fixture.redactor.fingerprint("1234"))
    }

    @Test func aShortSecretNeverRewritesAFingerprint() {
        let token = Fixture.redactor.fingerprint("long-secret-value")
        let hex = String(token.suffix(3))
        let text = Fixture.redactor.redact(text: "probe said: long-secret-value", secrets: ["long-secret-value", hex])
        #expect(text == "probe said: \(token)")
    }

    @Test func restoreRebuildsTheExactConfig() throws {
        let desired = Self.desired(secrets: [Self.password])
        var recorded = Fixture.redactor.redact(desired)
        recorded.service.environment = desired.canonical.service.environment
        let restored = try Fixture.redactor.restore(recorded, candidates: [Self.password]).get()
        #expect(restored.hash == desired.canonical.hash)
        #expect(throws: Redactor.UnknownFingerprint.self) {
            try Fixture.redactor.restore(recorded, candidates: ["another value"]).get()
        }
    }
}
