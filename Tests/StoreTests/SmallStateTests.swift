import Foundation
import Testing
@testable import Store

/// Held-back hashes, service configs by hash, and the key/value table.
@Suite struct SmallStateTests {
    let directory: TemporaryDirectory
    let clock = TestClock()
    let store: Store

    init() throws {
        directory = try TemporaryDirectory()
        store = try Store(path: directory.databaseURL, now: clock.now)
    }

    @Test func holdBackIsPerServiceAndReplacesTheEarlierHold() async throws {
        try await store.holdBack(host: "nas", stack: "media", service: "jellyfin", hash: "h1", reason: "unhealthy")
        clock.advance(seconds: 60)
        try await store.holdBack(host: "nas", stack: "media", service: "jellyfin", hash: "h2", reason: "exit 137")
        try await store.holdBack(host: "nas", stack: "media", service: "sonarr", hash: "h3", reason: "timeout")

        let held = try #require(try await store.heldBack(host: "nas", stack: "media", service: "jellyfin"))
        #expect(held == HeldBack(host: "nas", stack: "media", service: "jellyfin", hash: "h2",
                                 reason: "exit 137", heldAt: clock.date))
        #expect(try await store.heldBack(host: "vm1", stack: "media", service: "jellyfin") == nil)
        #expect(try await store.heldBack(host: "nas", stack: "media", service: "sonarr")?.hash == "h3")
        try await store.holdBack(host: "vm1", stack: "web", service: "site", hash: "h4", reason: "timeout")
        #expect(try await store.heldBack(host: "nas").map { "\($0.stack)/\($0.service)=\($0.hash)" }
                == ["media/jellyfin=h2", "media/sonarr=h3"], "a host's holds in one read, no other host's")
        #expect(try await store.heldBack(host: "iot").isEmpty)
    }

    @Test func clearingOneServiceOrTheWholeStack() async throws {
        for service in ["a", "b", "c"] {
            try await store.holdBack(host: "nas", stack: "media", service: service, hash: "h-\(service)", reason: "r")
        }
        try await store.holdBack(host: "nas", stack: "dns", service: "a", hash: "other", reason: "r")

        #expect(try await store.clearHeldBack(host: "nas", stack: "media", service: "a") == 1)
        #expect(try await store.heldBack(host: "nas", stack: "media", service: "a") == nil)
        #expect(try await store.heldBack(host: "nas", stack: "media", service: "b") != nil)

        #expect(try await store.clearHeldBack(host: "nas", stack: "media") == 2)
        #expect(try await store.heldBack(host: "nas", stack: "media", service: "c") == nil)
        #expect(try await store.heldBack(host: "nas", stack: "dns", service: "a")?.hash == "other",
                "another stack's hold is untouched")
        #expect(try await store.clearHeldBack(host: "nas", stack: "media") == 0)
    }

    @Test func serviceConfigSaveIsIdempotentAndKeepsTheFirstText() async throws {
        #expect(try await store.serviceConfig(hash: "abc") == nil)
        try await store.saveServiceConfig(hash: "abc", json: #"{"image":"a@sha256:1"}"#)
        try await store.saveServiceConfig(hash: "abc", json: #"{"image":"a@sha256:1"}"#)
        try await store.saveServiceConfig(hash: "abc", json: "different")
        #expect(try await store.serviceConfig(hash: "abc") == #"{"image":"a@sha256:1"}"#)
        let rows = try Connection(path: directory.databaseURL.path)
            .queryFirst("SELECT count(*) FROM service_configs") { $0.int64(at: 0) }
        #expect(rows == 1)
        try await store.saveServiceConfig(hash: "def", json: "second")
        #expect(try await store.serviceConfigs(hashes: ["abc", "def", "missing"])
                == ["abc": #"{"image":"a@sha256:1"}"#, "def": "second"], "only the hashes the store has")
    }

    @Test func keyValuesSetReplaceAndRemove() async throws {
        #expect(try await store.value(forKey: "digest:nginx:1.27") == nil)
        try await store.setValue("sha256:1", forKey: "digest:nginx:1.27")
        try await store.setValue("sha256:2", forKey: "digest:nginx:1.27")
        try await store.setValue("", forKey: "empty")
        #expect(try await store.value(forKey: "digest:nginx:1.27") == "sha256:2")
        #expect(try await store.value(forKey: "empty") == "", "an empty value is a value, not absence")
        #expect(try await store.removeValue(forKey: "digest:nginx:1.27"))
        #expect(try await !store.removeValue(forKey: "digest:nginx:1.27"))
        #expect(try await store.value(forKey: "digest:nginx:1.27") == nil)
    }
}
