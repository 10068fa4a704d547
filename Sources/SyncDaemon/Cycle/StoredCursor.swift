import Connectors

/// A side's cursor as the state database keeps it, for tools that prepare a database
/// without running a cycle (benchmarks seeding a million links).
public enum StoredCursor {
    /// The text a cycle saves for a side read up to `pull`, last read completely at
    /// `fullScanAt` (epoch ms; nil: never, so the next cycle reads the side completely).
    public static func text(pull: PullCursor?, fullScanAt: Int64?) throws(CycleError) -> String {
        try StateCoding.text(SideCursor(pull: pull, fullScanAt: fullScanAt), what: "cursor")
    }
}
