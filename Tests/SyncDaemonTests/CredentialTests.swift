import Glibc
import SyncCore
import Synchronization
import Testing
@testable import SyncDaemon

@Suite("Credentials, tokens and the state directory")
struct CredentialTests {
    func write(_ text: String, to path: String, mode: mode_t = 0o600) {
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode)
        _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        fchmod(fd, mode)
        close(fd)
    }

    @Test func systemdCredentialsDirectoryComesFirst() throws {
        let systemd = try TemporaryDirectory.make(), configured = try TemporaryDirectory.make()
        write("from-systemd\n", to: systemd + "/crm-secret")
        write("from-config", to: configured + "/crm-secret")
        write("only-config", to: configured + "/prm-key")
        let store = CredentialStore(sources: CredentialSources(environment: ["CREDENTIALS_DIRECTORY": systemd],
                                                               directory: configured), logger: .disabled)
        #expect(try store.read("crm-secret").reveal() == "from-systemd")
        #expect(try store.read("prm-key").reveal() == "only-config")
    }

    @Test func configuredFilePathsWorkOutsideSystemd() throws {
        let directory = try TemporaryDirectory.make()
        write("s3cr3t\r\n", to: directory + "/anything.txt")
        let store = CredentialStore(sources: CredentialSources(environment: [:], files: ["crm": directory + "/anything.txt"]),
                                    logger: .disabled)
        #expect(try store.read("crm").reveal() == "s3cr3t")
    }

    @Test func secretsAreNeverTakenFromTheEnvironment() throws {
        let store = CredentialStore(sources: CredentialSources(environment: ["crm-secret": "leak", "CRM_SECRET": "leak"]),
                                    logger: .disabled)
        #expect(throws: DaemonError.credentialMissing(name: "crm-secret", searched: [])) { try store.read("crm-secret") }
    }

    @Test func aMissingCredentialListsWhereItWasLookedFor() throws {
        let directory = try TemporaryDirectory.make()
        let store = CredentialStore(sources: CredentialSources(systemdDirectory: directory + "/creds",
                                                               files: ["x": "/etc/x"], directory: directory),
                                    logger: .disabled)
        let expected = DaemonError.credentialMissing(name: "x", searched: [directory + "/creds/x", "/etc/x", directory + "/x"])
        #expect(throws: expected) { try store.read("x") }
        #expect(expected.description.contains("/etc/x"))
    }

    @Test(arguments: ["", ".", "..", "a/b", "../etc/passwd"])
    func pathLikeNamesAreRefused(name: String) {
        let store = CredentialStore(sources: CredentialSources(directory: "/tmp"), logger: .disabled)
        #expect(throws: DaemonError.credentialName(name)) { try store.read(name) }
    }

    @Test func emptyAndOversizedFilesAreErrors() throws {
        let directory = try TemporaryDirectory.make()
        write("\n", to: directory + "/empty")
        write(String(repeating: "x", count: CredentialStore.sizeLimit + 1), to: directory + "/huge")
        let store = CredentialStore(sources: CredentialSources(directory: directory), logger: .disabled)
        #expect(throws: DaemonError.credentialEmpty(path: directory + "/empty")) { try store.read("empty") }
        #expect(throws: DaemonError.credentialTooLarge(path: directory + "/huge", limit: CredentialStore.sizeLimit)) {
            try store.read("huge")
        }
    }

    @Test func groupOrWorldReadableFilesWarnWithoutShowingTheSecret() throws {
        let directory = try TemporaryDirectory.make()
        write("CANARY-abc", to: directory + "/open", mode: 0o644)
        write("CANARY-def", to: directory + "/closed", mode: 0o600)
        let capture = LogCapture()
        let store = CredentialStore(sources: CredentialSources(directory: directory), logger: capture.logger(level: .info))
        _ = try store.read("closed")
        #expect(capture.all.isEmpty)
        _ = try store.read("open")
        let warning = try #require(capture.all.first)
        #expect(warning.level == .warning && warning.value(of: "mode") == "644" && warning.value(of: "path") == directory + "/open")
        #expect(!capture.lines().joined().contains("CANARY"))
        // Read again (as every token refresh does), by this store and another: no second warning.
        _ = try store.read("open")
        _ = try CredentialStore(sources: CredentialSources(directory: directory), logger: capture.logger(level: .info))
            .read("open")
        #expect(capture.all.count == 1, "\(capture.lines())")
    }

    @Test func connectorsReadAFileAtMostOncePerMaxAgeOrAfterForgetting() throws {
        let directory = try TemporaryDirectory.make()
        write("first", to: directory + "/key")
        let now = Mutex(MonotonicInstant(nanoseconds: 1_000_000_000))
        let clock = MonotonicClock { now.withLock { $0 } }
        let store = CredentialStore(sources: CredentialSources(directory: directory), logger: .disabled)
        let source = store.connectorSource(maxAge: .seconds(60), clock: clock)
        #expect(source.optionalSecret("key") == "first")
        write("second", to: directory + "/key")
        #expect(source.optionalSecret("key") == "first", "cached")
        now.withLock { $0 = $0 + .seconds(61) }
        #expect(source.optionalSecret("key") == "second", "older than maxAge: read again")
        write("third", to: directory + "/key")
        source.forget("key")
        #expect(source.optionalSecret("key") == "third", "forgotten (the remote refused it): read again")
        #expect(store.connectorSource(maxAge: .seconds(60), clock: clock).optionalSecret("key") == "third",
                "a new source (a reload) reads the file")
        #expect(source.optionalSecret("missing") == nil)
        write("late", to: directory + "/missing")
        #expect(source.optionalSecret("missing") == "late", "an absent credential is not cached")
    }

    @Test func secretsDoNotPrintThemselves() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "[redacted]")
        #expect(String(describing: secret) == "[redacted]")
        #expect(String(reflecting: secret) == "Secret([redacted])")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(secret.reveal() == "hunter2")
    }

    @Test func refreshedTokensAreStoredWithMode0600() throws {
        let state = try TemporaryDirectory.make()
        let vault = TokenVault(stateDirectory: state, logger: .disabled)
        #expect(try vault.load("salesforce") == nil)
        try vault.save("salesforce", Secret("token-1"))
        try vault.save("salesforce", Secret("token-2"))
        #expect(try vault.load("salesforce")?.reveal() == "token-2")
        var info = stat()
        #expect(stat(vault.path("salesforce"), &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(stat(vault.directory, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        #expect(try directoryEntries(vault.directory) == ["salesforce"])
    }

    @Test func stateDirectoryDefaultsToTheSystemdOne() throws {
        let systemd = try TemporaryDirectory.make(), configured = try TemporaryDirectory.make()
        #expect(try StateDirectory.resolve(configured: nil, environment: ["STATE_DIRECTORY": systemd + ":/other"]) == systemd)
        #expect(try StateDirectory.resolve(configured: configured, environment: ["STATE_DIRECTORY": systemd]) == configured)
        #expect(throws: DaemonError.stateDirectoryMissing) { try StateDirectory.resolve(configured: nil, environment: [:]) }
        let fresh = configured + "/new"
        #expect(try StateDirectory.resolve(configured: fresh, environment: [:]) == fresh)
    }
}

func directoryEntries(_ path: String) throws -> [String] {
    guard let directory = opendir(path) else { throw TestFailure("opendir \(path)") }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}
