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
        let statusFile = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        defer { if statusFile >= 0 { close(statusFile) } }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 {
                guard errno == EINTR else { throw Failure.wait(errno) }
                continue
            }
            peak = max(peak, highWaterMark(statusFile, buffer: &buffer) ?? 0)
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

    /// VmHWM of a running process, in bytes, from its `/proc/PID/status` kept open: read
    /// into one buffer and parsed in place, since this runs every 5 ms on a machine whose
    /// two cores the worker and the sandbox share (opening the file and splitting its text
    /// each time took ≈ 2% of a core).
    static func highWaterMark(_ statusFile: Int32, buffer: inout [UInt8]) -> Int? {
        guard statusFile >= 0 else { return nil }
        let count = buffer.withUnsafeMutableBytes { pread(statusFile, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return kibibytes(after: Array("VmHWM:".utf8), in: buffer[..<count]).map { $0 * 1024 }
    }

    /// The number that follows `label` at the start of a line of `text`.
    static func kibibytes(after label: [UInt8], in text: ArraySlice<UInt8>) -> Int? {
        var start = text.startIndex
        while start < text.endIndex {
            let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            if text[start..<end].starts(with: label) {
                let digits = text[(start + label.count)..<end].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                let number = digits.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                return number.isEmpty ? nil : number.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            }
            start = end + 1
        }
        return nil
    }
}
