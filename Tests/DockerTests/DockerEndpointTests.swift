import Docker
import HTTP
import Testing

@Suite("DockerEndpoint.parse: host-file endpoints")
struct DockerEndpointTests {
    static let tls = TLSConfig(ca: "/etc/reconcile/ca.pem", cert: "/etc/reconcile/cert.pem", key: "/etc/reconcile/key.pem")

    @Test func unixSocket() throws {
        let endpoint = try DockerEndpoint.parse("unix:///var/run/docker.sock", tls: nil, insecure: false)
        #expect(endpoint == Endpoint(address: .unixSocket(path: "/var/run/docker.sock")))
    }

    @Test func tcpWithMutualTLS() throws {
        let endpoint = try DockerEndpoint.parse("tcp://10.0.20.5:2376", tls: Self.tls, insecure: false)
        #expect(endpoint == Endpoint(address: .tcp(host: "10.0.20.5", port: 2376), tls: Self.tls))
        let v6 = try DockerEndpoint.parse("tcp://[fd00::5]:2376", tls: Self.tls, insecure: false)
        #expect(v6.address == .tcp(host: "fd00::5", port: 2376))
    }

    @Test func plainTCPIsRefusedAndSaysWhy() {
        let error = #expect(throws: DockerEndpoint.ParseError.self) {
            try DockerEndpoint.parse("tcp://10.0.20.5:2375", tls: nil, insecure: false)
        }
        #expect(error?.description.contains("root on that host") == true)
        #expect(error?.description.contains("insecure: true") == true)
    }

    @Test func plainTCPWhenInsecureIsAllowed() throws {
        let endpoint = try DockerEndpoint.parse("tcp://127.0.0.1:2375", tls: nil, insecure: true)
        #expect(endpoint == Endpoint(address: .tcp(host: "127.0.0.1", port: 2375)))
    }

    @Test(arguments: [
        ("tcp://10.0.20.5", "need a port"),
        ("tcp://10.0.20.5:http", "port must be a number"),
        ("tcp://:2376", "malformed host"),
        ("unix://docker.sock", "must be absolute"),
        ("https://10.0.20.5:2376", "expected unix:///path or tcp://host:port"),
    ])
    func malformedEndpoints(input: String, reason: String) {
        let error = #expect(throws: DockerEndpoint.ParseError.self) {
            try DockerEndpoint.parse(input, tls: Self.tls, insecure: false)
        }
        #expect(error?.reason.contains(reason) == true)
    }

    @Test func partialTLSIsRefused() {
        #expect(throws: DockerEndpoint.ParseError.self) {
            try DockerEndpoint.parse("tcp://10.0.20.5:2376", tls: TLSConfig(ca: "/ca.pem"), insecure: false)
        }
    }
}
