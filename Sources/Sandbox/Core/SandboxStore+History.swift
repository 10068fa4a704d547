extension SandboxStore {
    /// Lets the delete log reach back to `time`, as in a system that has run for a while:
    /// records seeded with older modification times are then covered by the delete feed
    /// (benchmarks seed data an hour old; a new table's log starts when it is defined).
    public func backdateDeleteLog(_ object: String, to time: Int64) throws(SandboxError) {
        try transaction { (state: inout StoreState) throws(SandboxError) in
            let name = try Self.resolve(object, in: state)
            try state.withTable(name) { table in table.deleteLogStart = min(table.deleteLogStart, time) }
        }
    }
}
