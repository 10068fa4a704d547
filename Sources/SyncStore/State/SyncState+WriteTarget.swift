extension SyncState {
    /// Records the target id of a pending update or delete that was planned before its
    /// record had an id on that side (its create had no outcome yet), once the cycle
    /// takes the id from the link, BEFORE the write is sent: a kill after sending leaves
    /// the write naming the record it went to — for its resend and for the audit of
    /// what each record received. Only a pending write without a target is changed.
    public func fillWriteTarget(writeID: Int64, recordID: String) throws {
        try database.inTransaction(.immediate) { _ in
            try database.execute("""
                UPDATE writes SET record_id = ? WHERE id = ? AND record_id IS NULL AND outcome_seq IS NULL
                  AND operation IN ('update', 'delete')
                """, [.text(recordID), .integer(writeID)])
            return .commit
        }
    }
}
