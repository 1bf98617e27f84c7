// swift-tools-version:6.1
import PackageDescription

/// reconcile: a declarative reconciler for homelab Docker hosts.
///
/// Layering (each module may import only those above it in this list):
///   CCurl, CYAML, CSQLite  — system libraries with typed shims
///   CHeap                  — glibc malloc settings: two arenas, trimming after a daemon pass
///   CIdleLibraries         — keeps GnuTLS, linked by Debian's libcurl but never used, from initialising
///   CSpawn                 — the GNU spawn and pipe calls Swift's Glibc module leaves out
///   Basics                 — what Foundation gave every module: trimming, hex, percent-encoding, JSON values,
///                            child processes (git, ssh, credential helpers; Controller and Server run them);
///                            `SourceLocation` (file:line:col), shared by YAML nodes and Spec diagnostics
///   HTTP                   — libcurl transport shared by Docker and registry clients
///   YAML                   — libyaml node tree with positions
///   Zoneinfo               — UTC offsets of IANA time zones from the system's TZif files (no ICU)
///   Docker                 — Engine API client
///   Sealed                 — age and SOPS files decrypted in memory (X25519, ChaCha20-Poly1305, AES-GCM)
///   Versions               — pure: version tags compared as semver, the newest tag an update policy allows
///   Spec                   — hosts/ + stacks/ model, loader, validation
///   Store                  — SQLite: revisions, journal, registry watch state
///   Registry               — manifest HEAD, tokens, rate-limit-aware tag watcher
///   Planner                — pure plan function
///   Schedule               — pure deploy-window evaluation (allow/deny, time zones, DST)
///   Controller             — one pass: observe, plan, apply, record
///   Server                 — the daemon: triggers, webhooks, ntfy/MQTT subscriptions, git sync, metrics, status API
///   Notify                 — ntfy/Gotify/webhook notifications of what a pass did (reconcile.yaml)
///   reconcile              — thin ArgumentParser executable
///   reconcile-bench        — in-process planner benchmark for scripts/bench
///
/// Sources import FoundationEssentials, never Foundation: the full Foundation (CoreFoundation, ICU and its
/// data) would add megabytes of resident memory to the static binary. Tests may import Foundation.

/// How the `reconcile` binary is linked for release on Linux: lld, with relative relocations packed (RELR,
/// glibc ≥ 2.36, Debian 12) and no dynamic symbol table of the whole program (the Swift driver exports every
/// symbol, which nothing here looks up). Both buy memory at no cost to the build; figures in docs/benchmarks.md.
/// The release build everywhere (image, benchmark, `scripts/run`) is `swift build -c release --static-swift-stdlib`:
/// the Swift runtime and FoundationEssentials linked in, so only the C libraries are needed at run time.
let releaseLink: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-Xlinker", "--no-export-dynamic",
    ], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "reconcile",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "reconcile", targets: ["reconcile"]),
        .executable(name: "reconcile-bench", targets: ["reconcile-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // 4.x imports FoundationEssentials where it exists; 3.x imported (and so linked) full Foundation.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // No default traits: `FullFoundation` links full Foundation for a DateFormatter in its form coders, and
        // `ConfigurationSupport` (swift-configuration) is unused.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Hummingbird's own dependency; named here because Server uses ByteBuffer and its Data bridge directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CHeap"),
        .target(name: "CIdleLibraries", linkerSettings: [
            // The executable must export the switch for libgnutls to see it (the release link exports nothing else).
            .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=_gnutls_global_init_skip"], .when(platforms: [.linux])),
        ]),

        .target(name: "CSpawn"),
        .target(name: "Basics", dependencies: ["CSpawn"]),
        .target(name: "HTTP", dependencies: [
            "Basics", "CCurl",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "YAML", dependencies: ["Basics", "CYAML"]),
        .target(name: "Zoneinfo"),
        .target(name: "Docker", dependencies: [
            "Basics", "HTTP",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Sealed", dependencies: [
            "Basics", "YAML",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Versions"),
        .target(name: "Spec", dependencies: ["Basics", "YAML", "Zoneinfo", "Sealed", "Versions"]),
        .target(name: "Store", dependencies: ["Basics", "CSQLite"]),
        .target(name: "Registry", dependencies: [
            "Basics", "HTTP", "Store", "Spec",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Planner", dependencies: [
            "Basics", "Spec",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Schedule", dependencies: ["Basics", "Spec", "Zoneinfo"]),
        .target(name: "Controller", dependencies: [
            "Basics", "Docker", "HTTP", "Spec", "Store", "Planner", "Schedule", "Registry", "YAML", "Sealed", "Versions",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Server", dependencies: [
            "Basics", "CHeap", "Controller", "Spec", "HTTP", "Store", "Registry", "YAML", "Versions",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            // The MQTT subscriber's TCP connection (see MQTTChannel for why not libcurl's MQTT).
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
            // The live event hub is fed synchronously from a pass's observer callbacks.
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Notify", dependencies: [
            "Basics", "Controller", "Spec", "HTTP", "YAML",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "reconcile", dependencies: [
            "CIdleLibraries", "Controller", "Server", "Registry", "Notify", "Sealed",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], linkerSettings: releaseLink),

        .executableTarget(name: "reconcile-bench", dependencies: [
            "Planner", "Spec", "Controller", "Server",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "BasicsTests", dependencies: ["Basics"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DockerTests", dependencies: ["Docker", "HTTP"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "ZoneinfoTests", dependencies: ["Zoneinfo"]),
        .testTarget(name: "VersionsTests", dependencies: ["Versions"]),
        .testTarget(name: "SealedTests", dependencies: ["Sealed"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "SpecTests", dependencies: ["Spec", "YAML", "Sealed"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PlannerTests", dependencies: ["Basics", "Planner", "Spec"],
                    exclude: ["Golden"]),
        .testTarget(name: "ScheduleTests", dependencies: ["Schedule", "Spec"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ControllerTests", dependencies: ["Controller", "Planner", "Spec", "Sealed",
                                                        .product(name: "Logging", package: "swift-log")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RegistryTests", dependencies: [
            "Registry", "HTTP", "Store", "Spec",
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "ServerTests", dependencies: [
            "Server", "Controller", "Spec", "HTTP", "Store", "Notify", "Registry",
            .product(name: "Crypto", package: "swift-crypto"),
            // The DevTools WebSocket of the headless Chromium the status page tests drive.
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
            // Tests stop a daemon the way SIGTERM does (graceful shutdown), never by cancelling its task.
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "NotifyTests", dependencies: [
            "Notify", "Controller", "HTTP",
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "HostileInputTests", dependencies: ["Spec", "YAML", "Controller"]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "Basics", "Controller", "Docker", "HTTP", "Spec", "Store", "Planner", "Registry", "Schedule", "Server", "Versions",
        ], exclude: ["Snapshots"]),  // read from the source tree by #filePath, so they can be rewritten in place
    ],
    swiftLanguageModes: [.v6]
)

// Members are visible only from modules a file imports itself, so a dependency that imports full Foundation
// (swift-crypto 3 does) cannot lend `String(format:)` and friends to code that imports FoundationEssentials.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
