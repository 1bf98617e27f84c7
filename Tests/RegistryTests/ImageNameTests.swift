import HTTP
@testable import Registry
import Testing

/// Reference parsing must agree with Docker, or two spellings of one image would be polled twice.
@Suite struct ImageNameTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: String
        var registry: String
        var repository: String
        var tag: String
        var digest: String?
        var canonical: String
        var description: String { input }
    }

    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static let cases: [Case] = [
        Case(input: "nginx", registry: "registry-1.docker.io", repository: "library/nginx", tag: "latest",
             canonical: "docker.io/library/nginx:latest"),
        Case(input: "nginx:1.27", registry: "registry-1.docker.io", repository: "library/nginx", tag: "1.27",
             canonical: "docker.io/library/nginx:1.27"),
        Case(input: "docker.io/library/nginx", registry: "registry-1.docker.io", repository: "library/nginx",
             tag: "latest", canonical: "docker.io/library/nginx:latest"),
        Case(input: "index.docker.io/grafana/grafana:11", registry: "registry-1.docker.io", repository: "grafana/grafana",
             tag: "11", canonical: "docker.io/grafana/grafana:11"),
        Case(input: "grafana/grafana", registry: "registry-1.docker.io", repository: "grafana/grafana", tag: "latest",
             canonical: "docker.io/grafana/grafana:latest"),
        Case(input: "ghcr.io/o/r:t", registry: "ghcr.io", repository: "o/r", tag: "t", canonical: "ghcr.io/o/r:t"),
        Case(input: "127.0.0.1:5000/lab/app:stable", registry: "127.0.0.1:5000", repository: "lab/app", tag: "stable",
             canonical: "127.0.0.1:5000/lab/app:stable"),
        Case(input: "localhost:5000/x", registry: "localhost:5000", repository: "x", tag: "latest",
             canonical: "localhost:5000/x:latest"),
        Case(input: "localhost/x:2", registry: "localhost", repository: "x", tag: "2", canonical: "localhost/x:2"),
        Case(input: "nginx@\(digest)", registry: "registry-1.docker.io", repository: "library/nginx", tag: "latest",
             digest: digest, canonical: "docker.io/library/nginx@\(digest)"),
        Case(input: "ghcr.io/o/r:1@\(digest)", registry: "ghcr.io", repository: "o/r", tag: "1", digest: digest,
             canonical: "ghcr.io/o/r@\(digest)"),
    ]

    @Test(arguments: cases)
    func parsesLikeDocker(_ expected: Case) throws {
        let name = try ImageName(parsing: expected.input)
        #expect(name.registry == expected.registry)
        #expect(name.repository == expected.repository)
        #expect(name.tag == expected.tag)
        #expect(name.digest == expected.digest)
        #expect(name.canonical == expected.canonical)
        #expect(name.isImmutable == (expected.digest != nil))
    }

    @Test(arguments: [
        ("127.0.0.1:5000/lab/app", "http://127.0.0.1:5000"),
        ("127.9.8.7/app", "http://127.9.8.7:80"),
        ("localhost:5000/x", "http://localhost:5000"),
        ("[::1]:5000/x", "http://[::1]:5000"),
        ("nginx", "https://registry-1.docker.io:443"),
        ("ghcr.io/o/r", "https://ghcr.io:443"),
        ("192.168.1.10:5000/app", "https://192.168.1.10:5000"),
        ("127.example.com/app", "https://127.example.com:443"),
    ])
    func plainHTTPOnlyForLoopback(reference: String, endpoint: String) throws {
        #expect(try ImageName(parsing: reference).endpoint.description == endpoint)
    }

    @Test(arguments: ["", "Nginx", "ghcr.io//r", "nginx:", "nginx:-bad", "nginx@sha256:xyz", "nginx@md5"])
    func rejectsWhatDockerRejects(_ reference: String) {
        #expect(throws: ImageNameError.self) { try ImageName(parsing: reference) }
    }

    @Test func errorNamesTheReferenceAndTheFix() {
        #expect(throws: ImageNameError(reference: "Nginx:1",
                                       reason: "repository component 'Nginx' may use only lowercase letters, digits, '.', '_' and '-'")) {
            try ImageName(parsing: "Nginx:1")
        }
    }
}
