import Foundation

/// A fresh directory per test, removed afterwards (permissions restored first, so a test
/// that made it unwritable still cleans up).
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("syncstore-tests-\(UUID().uuidString)", isDirectory: true)
    // 0755: the probe may run as another user and must be able to reach the files.
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                            attributes: [.posixPermissions: 0o755])
    defer {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try? FileManager.default.removeItem(at: directory)
    }
    return try body(directory)
}

/// Whether this process runs as root, which ignores file permission bits.
var runningAsRoot: Bool { geteuid() == 0 }

/// Bytes that are not an SQLite file, reproducibly (a fixed-seed LCG, no randomness).
func garbageBytes(count: Int, seed: UInt64 = 0x5EED) -> Data {
    var state = seed
    var bytes = [UInt8]()
    bytes.reserveCapacity(count)
    for _ in 0..<count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(truncatingIfNeeded: state >> 33))
    }
    return Data(bytes)
}
