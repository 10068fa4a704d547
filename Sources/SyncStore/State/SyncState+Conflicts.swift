import SyncCore

extension SyncState {
    // MARK: Reads

    /// Conflicts in `states` (default: open and resolved-but-not-yet-applied), oldest
    /// first, optionally of one mapping.
    public func conflicts(mapping: String? = nil,
                          states: Set<ConflictRecord.State> = [.open, .resolved]) throws -> [ConflictRecord] {
        guard !states.isEmpty else { return [] }
        var sql = "SELECT \(StateColumns.conflict) FROM conflicts WHERE state IN (\(placeholders(states.count)))"
        var arguments = states.map(\.rawValue).sorted().map { DatabaseValue.text($0) }
        if let mapping {
            sql += " AND mapping = ?"
            arguments.append(.text(mapping))
        }
        return try database.query(sql + " ORDER BY id", arguments, StateColumns.conflictRecord)
    }

    /// The conflict with this id, in any state.
    public func conflict(id: Int64) throws -> ConflictRecord? {
        try database.first("SELECT \(StateColumns.conflict) FROM conflicts WHERE id = ?", [.integer(id)],
                           StateColumns.conflictRecord)
    }

    /// Every conflict of these links, in any state, oldest first.
    public func conflicts(linkIDs: [String]) throws -> [ConflictRecord] {
        guard !linkIDs.isEmpty else { return [] }
        return try database.query("""
            SELECT \(StateColumns.conflict) FROM conflicts WHERE link_id IN (\(placeholders(linkIDs.count))) ORDER BY id
            """, linkIDs.map { .text($0) }, StateColumns.conflictRecord)
    }

    /// Conflicts ops resolved that the next cycle of `mapping` must apply (the
    /// reconciler's `resolutions`); the plan that applies one closes it.
    public func resolvedConflicts(mapping: String) throws -> [ConflictRecord] {
        try conflicts(mapping: mapping, states: [.resolved])
    }

    // MARK: Ops

    /// `channelsync conflicts resolve`: records ops' decision and journals it, in one
    /// IMMEDIATE transaction. The next cycle applies it. Returns the journal seq.
    ///
    /// `--take SIDE` needs a value on that side (field conflicts) and does not apply to
    /// ambiguous links, which take `--value` with one of the candidate ids (as a JSON
    /// string); a `--value` must be canonical value JSON text.
    @discardableResult
    public func resolveConflict(id: Int64, resolution: ConflictResolution, by actor: String) throws -> Int64 {
        let now = clock()
        var seq: Int64 = 0
        try database.inTransaction(.immediate) { _ in
            guard let conflict = try conflict(id: id) else { throw StateError.conflictNotFound(id: id) }
            guard conflict.state == .open else { throw StateError.conflictNotOpen(id: id, state: conflict.state.rawValue) }
            try check(resolution, fits: conflict)
            let (take, value): (String, String?) = switch resolution {
            case let .take(side): (side.rawValue, nil)
            case let .value(json): ("value", json)
            }
            try database.execute("""
                UPDATE conflicts SET state = 'resolved', resolution_take = ?, resolution = ?, resolved_at = ?, resolved_by = ?
                WHERE id = ?
                """, [.text(take), .optional(value), .integer(now), .text(actor), .integer(id)])
            var resolved = conflict
            resolved.resolution = resolution
            let chosen = switch resolution {
            case let .take(side): "take \(side.rawValue)"
            case .value: "value"
            }
            let entry = JournalDraft(
                mapping: conflict.mapping, linkID: conflict.linkID, crmID: conflict.crmID, prmID: conflict.prmID,
                direction: .none, operation: "resolve", rule: "conflict.resolved",
                changes: resolutionChanges(resolved),
                detail: "conflict \(id) (\(conflict.kind.rawValue)\(conflict.field.map { " " + $0 } ?? "")) resolved by \(actor): \(chosen); applied on the next cycle")
            seq = try appendRow(entry, status: .applied, cycle: nil, now: now)
            return .commit
        }
        return seq
    }

    private func check(_ resolution: ConflictResolution, fits conflict: ConflictRecord) throws {
        switch (conflict.kind, resolution) {
        case let (.field, .take(side)):
            guard (side == .crm ? conflict.crmValue : conflict.prmValue) != nil else {
                throw StateError.resolutionNotApplicable(id: conflict.id, reason: "the \(side) side has no value to take")
            }
        case (.field, .value), (.deleteVsEdit, .take):
            return
        case (.deleteVsEdit, .value):
            throw StateError.resolutionNotApplicable(
                id: conflict.id, reason: "a delete-versus-edit conflict is resolved with --take crm|prm (the side whose state wins)")
        case (.ambiguousLink, .take):
            throw StateError.resolutionNotApplicable(
                id: conflict.id, reason: "an ambiguous link is resolved with --value CANDIDATE_ID (one of: \(conflict.candidates.joined(separator: ", ")))")
        case (.channel, _):
            throw StateError.resolutionNotApplicable(
                id: conflict.id, reason: "a channel conflict is decided on the records: set the registration's status in the PRM"
                    + " (resubmitting it runs the check again) or decide it in the CRM; it closes once the registration is created")
        case let (.ambiguousLink, .value(json)):
            guard case let .string(candidate)? = try? JSONParser().parse(json), conflict.candidates.contains(candidate) else {
                throw StateError.resolutionNotApplicable(
                    id: conflict.id, reason: "the value must be one of the candidates: \(conflict.candidates.joined(separator: ", "))")
            }
        }
    }

    /// `[{"field", "before", "after"}]` for a field resolution whose values are JSON.
    private func resolutionChanges(_ conflict: ConflictRecord) -> String? {
        guard conflict.kind == .field, let field = conflict.field, let after = conflict.resolvedValue,
              let afterJSON = try? JSONParser().parse(after) else { return nil }
        let before = conflict.base.flatMap { try? JSONParser().parse($0) } ?? .null
        return JSONWriter.string(.array([.object(["field": .string(field), "before": before, "after": afterJSON])]))
    }

    // MARK: Inside a plan's transaction

    /// Opens a conflict, or refreshes the values of the live one for the same link,
    /// kind and field; returns its id.
    func openConflict(_ draft: ConflictDraft, now: Int64) throws -> Int64 {
        let arguments: [DatabaseValue] = [
            .text(draft.mapping), .text(draft.linkID), .optional(draft.crmID), .optional(draft.prmID),
            .text(draft.kind.rawValue), .optional(draft.field), .optional(draft.base), .optional(draft.crmValue),
            .optional(draft.prmValue), .optional(draft.deletedSide?.rawValue), .text(StringList.encode(draft.candidates)),
            .integer(now),
        ]
        return try database.first("""
            INSERT INTO conflicts (mapping, link_id, crm_id, prm_id, kind, field, base, crm_value, prm_value,
                                   deleted_side, candidates, state, opened_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
            ON CONFLICT (link_id, kind, coalesce(field, '')) WHERE state <> 'closed' DO UPDATE SET
                crm_id = excluded.crm_id, prm_id = excluded.prm_id, base = excluded.base,
                crm_value = excluded.crm_value, prm_value = excluded.prm_value,
                deleted_side = excluded.deleted_side, candidates = excluded.candidates
            RETURNING id
            """, arguments) { try $0.int64(0) } ?? database.lastInsertRowID
    }

    /// Closes the live conflict for a link, kind and field, if there is one.
    func closeConflict(_ key: ConflictKey, now: Int64) throws {
        try database.execute("""
            UPDATE conflicts SET state = 'closed', closed_at = ?
            WHERE link_id = ? AND kind = ? AND coalesce(field, '') = ? AND state <> 'closed'
            """, [.integer(now), .text(key.linkID), .text(key.kind.rawValue), .text(key.field ?? "")])
    }
}

/// `?, ?, ?` for an IN list of `count` bound values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
}
