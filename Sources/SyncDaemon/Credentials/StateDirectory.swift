import Glibc

/// Where the database, tokens, pid file and reload status live: the config's
/// `stateDirectory` when set, else `$STATE_DIRECTORY` (systemd's `StateDirectory=`;
/// the first entry when it lists several).
public enum StateDirectory {
    public static func resolve(configured: String?, environment: [String: String]) throws(DaemonError) -> String {
        let fromEnvironment = environment["STATE_DIRECTORY"]?
            .split(separator: ":", omittingEmptySubsequences: true).first.map(String.init)
        guard let path = [configured, fromEnvironment].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw .stateDirectoryMissing
        }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw .fileWrite(path: path, step: "mkdir", errno: errno) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .fileRead(path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .fileWrite(path: path, step: "use as directory", errno: ENOTDIR) }
        guard access(path, W_OK | X_OK) == 0 else { throw .fileWrite(path: path, step: "access", errno: errno) }
        return path
    }
}
