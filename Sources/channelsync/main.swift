import Foundation
import SyncHTTP

// Writes to a closed pipe must surface as EPIPE errors, not kill the process
// (libcurl runs with CURLOPT_NOSIGNAL and relies on this too).
signal(SIGPIPE, SIG_IGN)
// A write past a file-size limit (systemd LimitFSIZE=, ulimit -f) must fail with EFBIG,
// which SQLite reports as an error naming the database, instead of killing the daemon.
signal(SIGXFSZ, SIG_IGN)
SignalMask.unblockControlSignals()
CurlRuntime.initialize()  // curl_global_init, once, before any thread starts
exit(CLI.run(Array(CommandLine.arguments.dropFirst()), console: .standard).rawValue)
