import Glibc
import SyncCore

/// The Prometheus text file, replaced atomically (temp file in the same
/// directory, fsync, rename) so the collector never reads half a file. Mode
/// 0644: node_exporter runs as another user and must be able to read it.
public struct MetricsFile: Sendable {
    public let path: String
    public let redactor: LogRedactor

    public init(path: String, redactor: LogRedactor = LogRedactor()) {
        self.path = path
        self.redactor = redactor
    }

    public func write(_ snapshot: MetricsSnapshot) throws(DaemonError) {
        try AtomicFile.write(Array(PrometheusText.render(snapshot, redactor: redactor).utf8), to: path, mode: 0o644)
    }
}
