import Foundation

/// Where a connector gets its secrets (client secrets, refresh tokens, private-app tokens),
/// by name. Secrets never come from config text or the environment: the daemon reads them
/// from `$CREDENTIALS_DIRECTORY` (systemd `LoadCredential=`), tests pass them in memory.
public struct CredentialSource: Sendable {
    private let read: @Sendable (String) -> String?
    private let dropCached: @Sendable (String) -> Void

    /// `read` returns the secret named, or nil when there is none. A source that caches
    /// what it read passes `forget`, which drops the cached copy of one name.
    public init(_ read: @escaping @Sendable (_ name: String) -> String?,
                forget: @escaping @Sendable (_ name: String) -> Void = { _ in }) {
        self.read = read
        dropCached = forget
    }

    /// Makes the next read of `name` go to the source itself: the remote refused the
    /// secret, so a rotated one may be waiting (no effect on a source that does not cache).
    public func forget(_ name: String) {
        dropCached(name)
    }

    /// One file per credential in `directory` (the systemd credentials layout); a trailing
    /// newline is dropped. A name with a path separator is refused, so a config value can
    /// never point outside the directory.
    public static func directory(_ directory: String) -> CredentialSource {
        CredentialSource { name in
            guard Self.isPlainName(name) else { return nil }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else { return nil }
            let trimmed = text.hasSuffix("\r\n") ? String(text.dropLast(2)) : (text.hasSuffix("\n") ? String(text.dropLast()) : text)
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// Secrets held in memory (tests, the sandbox demo).
    public static func fixed(_ secrets: [String: String]) -> CredentialSource {
        CredentialSource { secrets[$0] }
    }

    /// The secret named `name`, or `ConnectorError.missingCredential`.
    public func secret(_ name: String, remote: String) throws(ConnectorError) -> String {
        guard let value = read(name), !value.isEmpty else {
            throw .missingCredential(remote: remote, name: name)
        }
        return value
    }

    /// The secret named `name` when there is one (optional credentials).
    public func optionalSecret(_ name: String) -> String? {
        read(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}
