import SyncCore

/// The one-line `STATUS=` text: each mapping's state, running ones with their
/// progress, prefixed by a rejected reload or a stop in progress.
enum StatusLine {
    static func render(mappings: [String], running: [String: CycleProgress], summaries: [String: String],
                       reloadProblems: [String], stopping: Bool, now: MonotonicInstant) -> String {
        var parts: [String] = []
        if stopping { parts.append("stopping") }
        if !reloadProblems.isEmpty {
            parts.append("config reload rejected (\(reloadProblems.count) problem\(reloadProblems.count == 1 ? "" : "s")), running the previous config")
        }
        for mapping in mappings {
            if let progress = running[mapping] {
                parts.append("\(mapping): syncing, \(progress.summary(now: now))")
            } else {
                parts.append("\(mapping): \(summaries[mapping] ?? "waiting for first cycle")")
            }
        }
        return parts.isEmpty ? "no mappings configured" : parts.joined(separator: "; ")
    }

    /// A finished cycle in a few words. The failure text is redacted before it
    /// is shortened, so a cut can never leave half an email behind; a failure with a
    /// summary of its own (a full disk) shows that instead of the cut text.
    static func summary(of report: CycleReport, duration: Duration, redactor: LogRedactor) -> String {
        let seconds = (duration.seconds * 10).rounded() / 10
        if let failure = report.failure {
            let shown = report.failureSummary.map { String(redactor.redact(text: $0).prefix(160)) }
                ?? String(redactor.redact(text: failure).prefix(80))
            return "failed after \(seconds)s (\(shown))"
        }
        return "ok, \(report.summary ?? "\(report.recordCount) records") in \(seconds)s"
    }
}
