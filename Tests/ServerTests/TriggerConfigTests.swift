import Foundation
import Testing
@testable import Server

/// `triggers:` in reconcile.yaml: what it starts, and errors that point at the line to fix.
struct TriggerConfigTests {
    static func load(_ yaml: String, files: [String: String] = [:]) throws -> (TriggerConfig, [String], URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("triggers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let text = yaml.replacingOccurrences(of: "DIR", with: root.path)
        try text.write(to: root.appendingPathComponent("reconcile.yaml"), atomically: true, encoding: .utf8)
        let (config, diagnostics) = TriggerConfig.load(repository: root)
        return (config, diagnostics.map(\.description), root)
    }

    @Test func readsSecretAndSubscriptions() throws {
        let (config, errors, root) = try Self.load("""
            notifications: []
            triggers:
              secret_file: DIR/secret
              subscribe:
                - mqtt: mqtt://127.0.0.1:1883/reconcile/deploy
                  credentials_file: DIR/mqtt
                  client_id: nas-reconcile
                - ntfy: https://ntfy.example.org/homelab-deploy
                  token_file: DIR/token
            """, files: ["secret": "s3cret\n", "mqtt": "user:pw", "token": "tk_1"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(errors.isEmpty)
        #expect(config.secret?.bytes == Array("s3cret".utf8))
        #expect(config.subscriptions.map(\.name) == ["mqtt://127.0.0.1:1883/reconcile/deploy",
                                                     "https://ntfy.example.org/homelab-deploy"])
        #expect(config.subscriptions[0].clientID == "nas-reconcile")
        #expect(MQTTChannel(subscription: config.subscriptions[0]).topic == "reconcile/deploy")
        #expect(config.subscriptions[1].tokenFile == root.appendingPathComponent("token").path)
    }

    @Test func pointsAtEachMistake() throws {
        let (config, errors, root) = try Self.load("""
            triggers:
              secret_file: DIR/missing
              subscribe:
                - mqtt: mqtts://broker/t
                - ntfy: https://ntfy.sh/
                - ntfy: https://ntfy.sh/x
                  tokn_file: x
                - {}
            """)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(config.secret == nil)
        #expect(errors.count == 5, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("reconcile.yaml:2:16: error: cannot read the secret file") })
        #expect(errors.contains { $0.hasPrefix("reconcile.yaml:4:13: error: mqtt URLs start with mqtt://") })
        #expect(errors.contains { $0.hasPrefix("reconcile.yaml:5:13: error: `https://ntfy.sh/` is not a ntfy topic URL") })
        #expect(errors.contains { $0.hasPrefix("reconcile.yaml:7:7: error: unknown key `tokn_file`") && $0.contains("token_file") })
        #expect(errors.contains { $0.hasPrefix("reconcile.yaml:8:7: error: a subscription names exactly one of") })
    }

    @Test func noFileOrNoTriggersMeansNone() throws {
        let (config, errors, root) = try Self.load("notifications: []\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(errors.isEmpty && config.subscriptions.isEmpty && config.secret == nil)
    }
}
