import SyncCore

/// The column lists the state's SELECTs use, with the matching row decoders, so that
/// every query of one table reads it the same way.
enum StateColumns {
    /// The journal columns of alias `j`, plus the outcome seq of an intent's write (`w`).
    static let journalWithOutcome = """
        j.seq, j.at, j.cycle_id, j.mapping, j.link_id, j.crm_id, j.prm_id, j.direction, j.operation, j.rule, j.changes, \
        j.detail, j.status, j.write_id, j.intent_seq, j.error, j.attempt, w.outcome_seq
        """

    static func journalRowWithOutcome(_ row: Row) throws -> JournalRow {
        var journal = try journalRow(row)
        journal.outcomeSeq = try row.optionalInt64(17)
        return journal
    }

    /// Decodes the 17 journal columns in `journalWithOutcome` order.
    static func journalRow(_ row: Row) throws -> JournalRow {
        JournalRow(
            seq: try row.int64(0), at: try row.int64(1), cycleID: try row.optionalInt64(2), mapping: try row.text(3),
            linkID: try row.optionalText(4), crmID: try row.optionalText(5), prmID: try row.optionalText(6),
            direction: try row.word(JournalRow.Direction.self, at: 7, table: "journal", column: "direction"),
            operation: try row.text(8), rule: try row.optionalText(9), changes: try row.optionalText(10),
            detail: try row.optionalText(11),
            status: try row.word(JournalRow.Status.self, at: 12, table: "journal", column: "status"),
            writeID: try row.optionalInt64(13), intentSeq: try row.optionalInt64(14), error: try row.optionalText(15),
            attempt: try row.int(16))
    }

    static let write = """
        id, mapping, cycle_id, link_id, side, operation, record_id, external_id, payload, attempt, retry_of, \
        first_seq, intent_count, outcome_seq, created_at
        """

    static func writeRecord(_ row: Row) throws -> WriteRecord {
        let first = try row.int64(11)
        let count = try row.int64(12)
        return WriteRecord(
            id: try row.int64(0), mapping: try row.text(1), cycleID: try row.optionalInt64(2),
            linkID: try row.optionalText(3), side: try row.word(Side.self, at: 4, table: "writes", column: "side"),
            operation: try row.word(WriteRecord.Operation.self, at: 5, table: "writes", column: "operation"),
            recordID: try row.optionalText(6), externalID: try row.optionalText(7), payload: try row.text(8),
            attempt: try row.int(9), retryOf: try row.optionalInt64(10),
            intentSeqs: count > 0 ? Array(first..<(first + count)) : [],
            outcomeSeq: try row.optionalInt64(13), createdAt: try row.int64(14))
    }

    /// A write without its payload: what settling an outcome needs (the hot path).
    static let writeHead = """
        id, mapping, cycle_id, link_id, side, operation, record_id, external_id, '', attempt, retry_of, \
        first_seq, intent_count, outcome_seq, created_at
        """

    static let link = "id, mapping, crm_id, prm_id, status, created_at, updated_at"

    static func linkRecord(_ row: Row) throws -> LinkRecord {
        LinkRecord(id: try row.text(0), mapping: try row.text(1), crmID: try row.optionalText(2),
                   prmID: try row.optionalText(3),
                   status: try row.word(LinkRecord.Status.self, at: 4, table: "links", column: "status"),
                   createdAt: try row.int64(5), updatedAt: try row.int64(6))
    }

    static let shadow = """
        link_id, crm_values, prm_values, crm_modified_at, prm_modified_at, crm_hash, prm_hash, conflict_fields, updated_at, \
        crm_awaits_echo, prm_awaits_echo
        """

    static func shadowRecord(_ row: Row) throws -> ShadowRecord {
        var shadow = ShadowRecord(linkID: try row.text(0), crmValues: try row.text(1), prmValues: try row.text(2),
                                  crmModifiedAt: try row.optionalInt64(3), prmModifiedAt: try row.optionalInt64(4),
                                  crmAwaitsEcho: try row.decode(Bool.self, at: 9),
                                  prmAwaitsEcho: try row.decode(Bool.self, at: 10),
                                  conflictFields: StringList.decode(try row.text(7)))
        shadow.updatedAt = try row.int64(8)
        return shadow
    }

    static let conflict = """
        id, mapping, link_id, crm_id, prm_id, kind, field, base, crm_value, prm_value, deleted_side, candidates, \
        state, opened_at, resolution_take, resolution, resolved_at, resolved_by, closed_at
        """

    static func conflictRecord(_ row: Row) throws -> ConflictRecord {
        let id = try row.int64(0)
        var resolution: ConflictResolution?
        switch try row.optionalText(14) {
        case "crm": resolution = .take(.crm)
        case "prm": resolution = .take(.prm)
        case "value": resolution = .value(try row.optionalText(15) ?? "null")
        case nil: resolution = nil
        case let other?: throw StateError.unreadableRow(table: "conflicts", column: "resolution_take", found: other)
        }
        return ConflictRecord(
            id: id, mapping: try row.text(1), linkID: try row.text(2), crmID: try row.optionalText(3),
            prmID: try row.optionalText(4),
            kind: try row.word(ConflictRecord.Kind.self, at: 5, table: "conflicts", column: "kind"),
            field: try row.optionalText(6), base: try row.optionalText(7), crmValue: try row.optionalText(8),
            prmValue: try row.optionalText(9),
            deletedSide: try row.optionalWord(Side.self, at: 10, table: "conflicts", column: "deleted_side"),
            candidates: StringList.decode(try row.text(11)),
            state: try row.word(ConflictRecord.State.self, at: 12, table: "conflicts", column: "state"),
            openedAt: try row.int64(13), resolution: resolution, resolvedAt: try row.optionalInt64(16),
            resolvedBy: try row.optionalText(17), closedAt: try row.optionalInt64(18))
    }

    /// Failures joined with their latest write (`w`) for the resend fields.
    static let failure = failureColumns(recordID: "w.record_id")

    private static func failureColumns(recordID: String) -> String {
        """
        f.id, f.mapping, f.write_id, f.first_write_id, f.link_id, f.crm_id, f.prm_id, f.side, f.operation, \
        \(recordID), w.external_id, f.payload, f.http_status, f.error_code, f.error, f.attempts, f.state, \
        f.first_failed_at, f.last_failed_at, f.requeued_at, f.requeued_by, f.closed_at
        """
    }

    static let failureFrom = "failures f LEFT JOIN writes w ON w.id = f.write_id"

    /// `failure`, for a query that also joins the failure's link as `l`: a write
    /// without a target id takes the link's id on its side (`dueRetries`).
    static let failureDue = failureColumns(
        recordID: "coalesce(w.record_id, CASE f.side WHEN 'crm' THEN l.crm_id ELSE l.prm_id END)")

    static func failureRecord(_ row: Row) throws -> FailureRecord {
        FailureRecord(
            id: try row.int64(0), mapping: try row.text(1), writeID: try row.int64(2), firstWriteID: try row.int64(3),
            linkID: try row.optionalText(4), crmID: try row.optionalText(5), prmID: try row.optionalText(6),
            side: try row.word(Side.self, at: 7, table: "failures", column: "side"),
            operation: try row.word(WriteRecord.Operation.self, at: 8, table: "failures", column: "operation"),
            recordID: try row.optionalText(9), externalID: try row.optionalText(10), payload: try row.text(11),
            refusal: RemoteRefusal(httpStatus: try row.optionalInt(12), code: try row.optionalText(13),
                                   message: try row.text(14)),
            attempts: try row.int(15),
            state: try row.word(FailureRecord.State.self, at: 16, table: "failures", column: "state"),
            firstFailedAt: try row.int64(17), lastFailedAt: try row.int64(18), requeuedAt: try row.optionalInt64(19),
            requeuedBy: try row.optionalText(20), closedAt: try row.optionalInt64(21))
    }

    static let cycle = """
        id, mapping, started_at, ended_at, result, error, pulled_crm, pulled_prm, written_crm, written_prm, conflicts, failures
        """

    static func cycleRecord(_ row: Row) throws -> CycleRecord {
        CycleRecord(
            id: try row.int64(0), mapping: try row.text(1), startedAt: try row.int64(2), endedAt: try row.optionalInt64(3),
            result: try row.word(CycleRecord.Result.self, at: 4, table: "cycles", column: "result"),
            error: try row.optionalText(5),
            counts: CycleCounts(pulledCRM: try row.int(6), pulledPRM: try row.int(7), writtenCRM: try row.int(8),
                                writtenPRM: try row.int(9), conflicts: try row.int(10), failures: try row.int(11)),
            remotes: [])
    }

    static let cursor = "mapping, side, value, high_water, updated_at"

    static func cursorRecord(_ row: Row) throws -> CursorRecord {
        CursorRecord(mapping: try row.text(0), side: try row.word(Side.self, at: 1, table: "cursors", column: "side"),
                     value: try row.text(2), highWater: try row.optionalInt64(3), updatedAt: try row.int64(4))
    }

    static let record = "mapping, side, id, external_id, modified_at, values_json, deleted"

    static func recordSnapshot(_ row: Row) throws -> RecordSnapshot {
        RecordSnapshot(mapping: try row.text(0), side: try row.word(Side.self, at: 1, table: "records", column: "side"),
                       id: try row.text(2), externalID: try row.optionalText(3), modifiedAt: try row.int64(4),
                       values: try row.text(5), deleted: try row.decode(Bool.self, at: 6))
    }
}
