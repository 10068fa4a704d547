// swift-tools-version:6.0
// ChannelSync: a CRM <-> PRM sync daemon. No package dependencies by design:
// Foundation, Dispatch, Glibc, libcurl and SQLite only.
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "ChannelSync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "channelsync", targets: ["channelsync"]),
    ],
    targets: [
        // System libraries: a module map plus typed wrappers for the variadic C calls.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // The pure domain: no I/O, no clock, no randomness.
        .target(name: "SyncCore", swiftSettings: swift6),
        .target(name: "SyncStore", dependencies: ["SyncCore", "CSQLite"], swiftSettings: swift6),
        .target(name: "SyncHTTP", dependencies: ["CCurl"], swiftSettings: swift6),
        .target(
            name: "Connectors", dependencies: ["SyncCore", "SyncHTTP"], exclude: ["Support/README.md"],
            swiftSettings: swift6),
        .target(name: "Sandbox", dependencies: ["SyncCore"], swiftSettings: swift6),
        .target(name: "SyncDaemon", dependencies: ["SyncCore", "SyncStore", "SyncHTTP", "Connectors"], swiftSettings: swift6),
        .executableTarget(
            name: "channelsync",
            dependencies: ["SyncCore", "SyncStore", "SyncHTTP", "Connectors", "Sandbox", "SyncDaemon"],
            swiftSettings: swift6),

        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore"], swiftSettings: swift6),
        // A second process for SyncStoreTests (WAL reader/writer locking across processes).
        .executableTarget(
            name: "syncstore-probe", dependencies: ["SyncStore"], path: "Tests/SyncStoreProbe",
            swiftSettings: swift6),
        // The write-protocol loop CrashTests SIGKILLs and restarts (test code, not shipped).
        .executableTarget(
            name: "syncstore-crash-harness", dependencies: ["SyncStore"], path: "Tests/SyncStoreCrashHarness",
            swiftSettings: swift6),
        .testTarget(name: "SyncStoreTests", dependencies: ["SyncStore", "syncstore-probe", "syncstore-crash-harness"],
                    swiftSettings: swift6),
        .testTarget(name: "SyncHTTPTests", dependencies: ["SyncHTTP", "Sandbox"], swiftSettings: swift6),
        .testTarget(name: "SyncDaemonTests", dependencies: ["SyncDaemon", "Sandbox", "Connectors", "SyncStore", "SyncHTTP"],
                    swiftSettings: swift6),
        .testTarget(name: "ChannelSyncCLITests", dependencies: ["channelsync", "SyncStore", "Sandbox", "SyncHTTP"],
                    swiftSettings: swift6),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox"], swiftSettings: swift6),
        .testTarget(name: "ConnectorsTests", dependencies: ["Connectors", "Sandbox"], swiftSettings: swift6),
    ]
)

// `make fuzz`: a libFuzzer target for the pure parsers of outside input, built only on
// request (it has no `main`; libFuzzer supplies one under `-sanitize=fuzzer`).
if Context.environment["CHANNELSYNC_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "channelsync-fuzz", dependencies: ["SyncCore"], path: "Tests/Fuzz", swiftSettings: swift6))
}
