import SyncCore

extension Logger {
    /// The daemon's logger: stderr, `<N>` prefixes when stderr is the journal.
    public static func standardError(level: LogLevel, environment: [String: String],
                                     redactor: LogRedactor = LogRedactor()) -> Logger {
        let log = StandardErrorLog(style: LogStyle.detect(environment: environment))
        return Logger(level: level, redactor: redactor) { log.write($0) }
    }
}
