/// Loads and validates a whole configuration: `channelsync.json5`, then every
/// mapping file it lists. Pure: files are read through the `read` closure the
/// caller supplies (the CLI and the daemon read from disk with a size cap; tests
/// serve strings), so all of it runs without I/O.
public enum ConfigLoader {
    /// Why a file could not be read, as the reader reports it.
    public enum ReadFailure: Error, Hashable, Sendable {
        case notFound
        case tooLarge(bytes: Int, limit: Int)
        /// Permission denied, a directory, an I/O error: `reason` is shown to the admin.
        case unreadable(reason: String)
    }

    /// Loads the configuration rooted at `path`. Every problem in every file is
    /// collected; on any, the result is `.failure` with all of them, sorted by file
    /// and position. A mapping file is still checked when the service file has
    /// errors, as far as its own contents go.
    public static func load(path: String, read: (String) -> Result<[UInt8], ReadFailure>) -> Result<Configuration, ConfigErrors> {
        var errors: [ConfigError] = []
        guard let serviceRoot = document(path, read: read, errors: &errors) else { return .failure(ConfigErrors(errors)) }
        let serviceDecoder = ConfigDecoder(file: path)
        let service = ServiceConfig.decode(serviceRoot, with: serviceDecoder)
        errors += serviceDecoder.errors
        var mappings: [Mapping] = []
        var files: [String] = []
        var names: [String: String] = [:]
        let directory = directoryOf(path)
        for entry in service.config.mappings {
            let file = resolve(entry, relativeTo: directory)
            guard let root = document(file, read: read, errors: &errors) else { continue }
            let decoder = ConfigDecoder(file: file)
            let decoded = Mapping.decode(root, remotes: service.remoteNames, with: decoder)
            errors += decoder.errors
            if let name = decoded.name, let node = decoded.nameNode {
                if let first = names[name] {
                    errors.append(ConfigError(file: file, position: node.position, path: ConfigPath.root.appending("name"),
                                              problem: .duplicateName(kind: "mapping name", name: name, first: first)))
                    continue
                }
                names[name] = file
            }
            if let mapping = decoded.mapping {
                mappings.append(mapping)
                files.append(file)
            }
        }
        guard errors.isEmpty else { return .failure(ConfigErrors(errors)) }
        return .success(Configuration(service: service.config, mappings: mappings, mappingFiles: files))
    }

    /// Decodes one service file on its own (tests, tools); remotes are not resolved.
    public static func service(_ bytes: [UInt8], file: String) -> Result<ServiceConfig, ConfigErrors> {
        var errors: [ConfigError] = []
        guard let root = parse(bytes, file: file, errors: &errors) else { return .failure(ConfigErrors(errors)) }
        let decoder = ConfigDecoder(file: file)
        let decoded = ServiceConfig.decode(root, with: decoder)
        errors += decoder.errors
        return errors.isEmpty ? .success(decoded.config) : .failure(ConfigErrors(errors))
    }

    /// Decodes one mapping file on its own; `remotes` nil skips the remote-name check.
    public static func mapping(_ bytes: [UInt8], file: String, remotes: Set<String>? = nil) -> Result<Mapping, ConfigErrors> {
        var errors: [ConfigError] = []
        guard let root = parse(bytes, file: file, errors: &errors) else { return .failure(ConfigErrors(errors)) }
        let decoder = ConfigDecoder(file: file)
        let decoded = Mapping.decode(root, remotes: remotes, with: decoder)
        errors += decoder.errors
        guard errors.isEmpty, let mapping = decoded.mapping else { return .failure(ConfigErrors(errors)) }
        return .success(mapping)
    }

    /// `entry` as a path: absolute as written, else joined to `directory`.
    public static func resolve(_ entry: String, relativeTo directory: String) -> String {
        if entry.hasPrefix("/") || directory.isEmpty || directory == "." { return entry }
        return directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
    }

    /// The directory part of a path (`"."` for a bare file name).
    public static func directoryOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func document(_ file: String, read: (String) -> Result<[UInt8], ReadFailure>,
                                 errors: inout [ConfigError]) -> JSON5Node? {
        switch read(file) {
        case let .success(bytes):
            return parse(bytes, file: file, errors: &errors)
        case let .failure(failure):
            let problem: ConfigProblem = switch failure {
            case .notFound: .notFound
            case let .tooLarge(bytes, limit): .syntax(.fileTooLarge(bytes: bytes, limit: limit))
            case let .unreadable(reason): .unreadable(reason: reason)
            }
            errors.append(ConfigError(file: file, position: nil, problem: problem))
            return nil
        }
    }

    private static func parse(_ bytes: [UInt8], file: String, errors: inout [ConfigError]) -> JSON5Node? {
        do {
            let document = try JSON5Parser.parse(bytes)
            for duplicate in document.duplicateKeys {
                errors.append(ConfigError(file: file, position: duplicate.position, path: duplicate.path,
                                          problem: .duplicateKey(duplicate.key, first: duplicate.first)))
            }
            return document.root
        } catch {
            let position: SourcePosition? = if case .fileTooLarge = error.reason { nil } else { error.position }
            errors.append(ConfigError(file: file, position: position, problem: .syntax(error.reason)))
            return nil
        }
    }
}
