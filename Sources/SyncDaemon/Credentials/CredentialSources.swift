/// Where secrets may be read from, in the order tried. Secret *values* never
/// come from the config text or the environment; only their locations do.
public struct CredentialSources: Sendable, Hashable {
    /// `$CREDENTIALS_DIRECTORY`, which systemd fills from `LoadCredential=`.
    public var systemdDirectory: String?
    /// Per-credential file paths from the config, for use outside systemd.
    public var files: [String: String]
    /// A directory from the config holding one file per credential name.
    public var directory: String?

    public init(systemdDirectory: String? = nil, files: [String: String] = [:], directory: String? = nil) {
        self.systemdDirectory = systemdDirectory
        self.files = files
        self.directory = directory
    }

    /// Takes `$CREDENTIALS_DIRECTORY` from the environment and the rest from config.
    public init(environment: [String: String], files: [String: String] = [:], directory: String? = nil) {
        let systemd = environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(systemdDirectory: systemd, files: files, directory: directory)
    }

    /// The candidate paths for `name`, most specific source first.
    func candidates(for name: String) -> [String] {
        var paths: [String] = []
        if let systemdDirectory { paths.append(Self.join(systemdDirectory, name)) }
        if let file = files[name] { paths.append(file) }
        if let directory { paths.append(Self.join(directory, name)) }
        return paths
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
