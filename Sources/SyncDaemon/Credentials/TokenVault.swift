import Glibc
import SyncCore

/// Refreshed OAuth tokens, kept across restarts in `<state>/tokens/NAME` with
/// mode 0600 (the directory 0700), replaced atomically so a crash mid-refresh
/// leaves the previous token, never half of one.
public struct TokenVault: Sendable {
    public let directory: String
    private let logger: Logger

    public init(stateDirectory: String, logger: Logger) {
        self.directory = (stateDirectory.hasSuffix("/") ? stateDirectory : stateDirectory + "/") + "tokens"
        self.logger = logger
    }

    public func save(_ name: String, _ token: Secret) throws(DaemonError) {
        try CredentialName.validate(name)
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw .fileWrite(path: directory, step: "mkdir", errno: errno)
        }
        try AtomicFile.write(Array(token.reveal().utf8), to: path(name), mode: 0o600)
    }

    /// The stored token, or nil when none was saved yet.
    public func load(_ name: String) throws(DaemonError) -> Secret? {
        try CredentialName.validate(name)
        guard let bytes = try SecretFile.read(path(name), limit: CredentialStore.sizeLimit, logger: logger) else {
            return nil
        }
        return Secret(String(decoding: bytes, as: UTF8.self))
    }

    func path(_ name: String) -> String { directory + "/" + name }
}
