import Glibc
import SyncCore

/// Reads secrets by name from `$CREDENTIALS_DIRECTORY/NAME` (systemd's
/// `LoadCredential=`), or from a file or directory named in the config. Warns
/// when a file is readable by group or others; logs paths, never contents.
public struct CredentialStore: Sendable {
    /// No secret is larger than this; a bigger file is the wrong file.
    public static let sizeLimit = 64 * 1024

    public let sources: CredentialSources
    private let logger: Logger

    public init(sources: CredentialSources, logger: Logger) {
        self.sources = sources
        self.logger = logger
    }

    /// The secret named `name`, with one trailing line break (`\n` or `\r\n`) removed: editors add one.
    public func read(_ name: String) throws(DaemonError) -> Secret {
        try CredentialName.validate(name)
        let candidates = sources.candidates(for: name)
        for path in candidates {
            guard let bytes = try SecretFile.read(path, limit: Self.sizeLimit, logger: logger) else { continue }
            var content = bytes[...]
            if content.last == UInt8(ascii: "\n") { content.removeLast() }
            if content.last == UInt8(ascii: "\r"), bytes.last == UInt8(ascii: "\n") { content.removeLast() }
            let text = String(decoding: content, as: UTF8.self)
            guard !text.isEmpty else { throw .credentialEmpty(path: path) }
            logger.debug("credential read", ["credential": name, "path": path])
            return Secret(text)
        }
        throw .credentialMissing(name: name, searched: candidates)
    }
}
