import Foundation

// Writes to a closed pipe must surface as EPIPE errors, not kill the process
// (libcurl runs with CURLOPT_NOSIGNAL and relies on this too).
signal(SIGPIPE, SIG_IGN)
exit(CLI.run(Array(CommandLine.arguments.dropFirst()), console: .standard).rawValue)
