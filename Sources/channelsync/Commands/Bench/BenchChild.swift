import Foundation

/// A child process run to completion and measured by `wait4`: its own CPU time and peak
/// resident set, apart from the parent's (the sandbox and its records live in the parent).
struct BenchChild {
    let status: Int32
    let wallSeconds: Double
    let cpuSeconds: Double
    /// The child's VmHWM, polled every 5 ms while it runs. (Not wait4's ru_maxrss: Linux
    /// carries the spawning process's high-water mark over an exec done from a vfork-style
    /// spawn, so it would report the parent's sandbox, hundreds of MB.)
    let peakRSSBytes: Int
    let stdout: Data
    let stderr: Data

    enum Failure: Error, CustomStringConvertible {
        case spawn(Int32)
        case wait(Int32)

        var description: String {
            switch self {
            case let .spawn(code): "could not start the worker process: \(String(cString: strerror(code)))"
            case let .wait(code): "waiting for the worker process failed: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Runs `executable arguments…` with `environment`, its stdout and stderr to files in
    /// `directory`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    directory: String) throws -> BenchChild {
        let outPath = directory + "/worker.stdout", errPath = directory + "/worker.stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        let started = BenchDirectory.seconds()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Failure.spawn(spawned) }
        var status: Int32 = 0
        var usage = rusage()
        var peak = 0
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 {
                guard errno == EINTR else { throw Failure.wait(errno) }
                continue
            }
            peak = max(peak, highWaterMark(pid) ?? 0)
            usleep(5_000)
        }
        let wall = BenchDirectory.seconds() - started
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return BenchChild(status: exit, wallSeconds: wall, cpuSeconds: cpu, peakRSSBytes: peak,
                          stdout: FileManager.default.contents(atPath: outPath) ?? Data(),
                          stderr: FileManager.default.contents(atPath: errPath) ?? Data())
    }

    /// VmHWM of a running process, in bytes.
    static func highWaterMark(_ pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kib * 1024
    }
}
