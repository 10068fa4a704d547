/// Bounds on what the sandbox accepts, so a broken client gets a 431/413 instead of
/// exhausting the test process.
public struct HTTPServerLimits: Sendable {
    public var maxHeaderBytes: Int
    public var maxBodyBytes: Int

    public init(maxHeaderBytes: Int = 64 * 1024, maxBodyBytes: Int = 64 * 1024 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    public static let standard = HTTPServerLimits()
}
