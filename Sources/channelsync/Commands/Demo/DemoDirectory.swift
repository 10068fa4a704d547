import Foundation
import Glibc
import SyncCore

/// The demo's working directory: the embedded shipped config pointed at the sandbox,
/// credential files holding the sandbox's demo secrets, the state database and the
/// daemon's log. Everything the ops commands need afterwards (`--config DIR/channelsync.json5`).
///
/// ```
/// DIR/channelsync.json5        the shipped service config, with the changes in `DemoConfigEdit`
/// DIR/mappings/*.json5         the shipped mappings, verbatim
/// DIR/credentials/             0700; one 0600 file per credential name
/// DIR/state/channelsync.sqlite the journal, links, shadows
/// DIR/daemon.log               the daemon's log lines (the terminal shows the story)
/// ```
struct DemoDirectory {
    let path: String

    var configPath: String { path + "/" + ConfigLocation.fileName }
    var credentialsPath: String { path + "/credentials" }
    var statePath: String { path + "/state" }
    var logPath: String { path + "/daemon.log" }

    /// `option` nil: a fresh `$TMPDIR/channelsync-demo-XXXXXX`. Otherwise that directory,
    /// created (with its parents) if missing; an existing one must be empty, since a journal of an earlier
    /// sandbox would not match the fresh sandbox's record ids.
    /// `prefix` names the fresh directory (`channelsync-soak-XXXXXX` for `soak`).
    static func create(option: String?, environment: [String: String],
                       prefix: String = "channelsync-demo") throws(CLIError) -> DemoDirectory {
        guard let option else {
            let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array((Self.absolute(base) + "/\(prefix)-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw .failure("cannot create a demo directory under \(base): \(String(cString: strerror(errno)))")
            }
            return DemoDirectory(path: String(cString: made))
        }
        let path = Self.absolute(option)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw .usage("--dir \(path) exists and is not a readable directory")
            }
            guard entries.isEmpty else {
                throw .usage("--dir \(path) is not empty", hint: "give a new directory (the demo creates it) or remove the old one")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .failure("cannot create --dir \(path): \(error.localizedDescription)")
            }
        }
        return DemoDirectory(path: path)
    }

    /// Writes the config files: the mappings verbatim, the service config edited for
    /// the sandbox at these base URLs.
    func writeConfig(salesforceURL: String, portalURL: String, interval: String = DemoConfigEdit.interval) throws(CLIError) {
        for directory in [path + "/mappings", credentialsPath, statePath] where mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw .failure("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        for file in ShippedConfig.files {
            var text = file.text + "\n"
            if file.path == ConfigLocation.fileName {
                do {
                    text = try DemoConfigEdit.apply(to: text, configPath: configPath, salesforceURL: salesforceURL, portalURL: portalURL,
                                                    stateDirectory: statePath, credentialsDirectory: credentialsPath,
                                                    interval: interval)
                } catch {
                    throw .failure(error.description)
                }
            }
            try write(text, to: path + "/" + file.path, mode: 0o644)
        }
    }

    /// One file per credential name the config's remotes use, mode 0600.
    func writeCredentials(_ secrets: [String: String]) throws(CLIError) {
        for (name, secret) in secrets.sorted(by: { $0.key < $1.key }) {
            try write(secret + "\n", to: credentialsPath + "/" + name, mode: 0o600)
        }
    }

    /// Creates `file` (never follows or reuses an existing one) with `mode` from the start.
    private func write(_ text: String, to file: String, mode: mode_t) throws(CLIError) {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .failure("cannot create \(file): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw .failure("cannot write \(file): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    private static func absolute(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
    }
}
