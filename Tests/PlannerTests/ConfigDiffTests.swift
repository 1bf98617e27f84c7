import Planner
import Spec
import Testing

@Suite("Reasons a person can read")
struct ConfigDiffTests {
    func config(_ edit: (inout ServiceSpec) -> Void) -> CanonicalConfig {
        var s = Fixture.service("site")
        edit(&s)
        return Fixture.redactor.redact(CanonicalConfig(service: s, imageID: Fixture.imageV1, repoFiles: [:]), secrets: [])
    }

    @Test func portsMountsLabelsAndOtherFieldsAreNamed() {
        let old = config { _ in }
        let new = config {
            $0.ports = [PortSpec(target: 80, published: "8080", hostIP: "127.0.0.1")]
            $0.volumes = [VolumeMount(type: .volume, source: "data", target: "/data")]
            $0.labels = ["traefik.enable": "true"]
            $0.capAdd = ["NET_ADMIN"]
            $0.command = ["httpd", "-f"]
        }
        #expect(ConfigDiff.reasons(from: old, to: new) == [
            "label traefik.enable added",
            "port 127.0.0.1:8080→80/tcp added",
            "mount data:/data added",
            "cap_add changed",
            "command changed",
        ])
    }

    @Test func redactionFingerprintsEveryEnvironmentValue() {
        let c = config { $0.environment = ["TOKEN": "s3cr3t", "EMPTY": nil] }
        let json = String(decoding: c.encoded(), as: UTF8.self)
        #expect(!json.contains("s3cr3t"))
        #expect(json.contains(Redactor.tokenPrefix))
        #expect(Fixture.redactor.fingerprint("a") == Fixture.redactor.fingerprint("a"))
        #expect(Fixture.redactor.fingerprint("a") != Fixture.redactor.fingerprint("b"))
    }
}
