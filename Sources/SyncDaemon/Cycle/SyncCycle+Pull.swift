import Connectors
import SyncCore
import SyncStore

extension SyncCycle {
    /// Pulls one side since its cursor (or completely: first sync, `fullScan`, or the
    /// last complete read older than `fullScanIntervalMillis`), normalizing each record
    /// and saving it in the records index page by page while a `PageFeed` fetches the next
    /// page; for an incremental pull, from the second page on, the saves go to a
    /// `StoreWriter` beside this thread (`overlapSends`). The writer may still be saving
    /// when this returns: the cycle drains it once both sides are pulled, so the second
    /// side's pull does not wait for the first side's saves (it reads no record of theirs);
    /// a complete scan drains before it compares. (A complete scan saves in line: its
    /// pages are mostly records unchanged, whose rows are only read and compared, which a
    /// second connection with a cold cache did at a third more CPU and no gain in wall
    /// time — `bench fullscan`.) The writer checkpoints, so a large pull cannot grow the
    /// WAL without bound.
    func pull(_ side: Side, hooks: CycleHooks) throws(CycleError) -> PulledSide {
        var pulled = PulledSide(side: side, keptBudget: settings.keptRecordBytes)
        let stored: CursorRecord?
        do {
            stored = try state.cursor(mapping: mapping.name, side: side)
        } catch {
            throw CycleError.store("read the \(side) cursor", error)
        }
        let cursor = stored.flatMap { SideCursor.decode($0.value) }
        if stored != nil, cursor == nil {
            logger.warning("stored cursor does not decode; reading the side completely", ["side": side.rawValue])
        }
        let now = clock()
        let scanDue = settings.fullScanIntervalMillis.map { interval in
            cursor?.fullScanAt.map { now - $0 >= interval } ?? true
        } ?? false
        let since = settings.fullScan || scanDue ? nil : cursor?.pull
        let request = PullRequest(object: mapping.binding(side).object, fields: nativeFields(side), since: since,
                                  overlapMillis: settings.overlapMillis)
        // Records delivered exactly as their shadow holds them come in bulk only from a
        // complete read; an incremental pull's overlap re-reads are dropped by the connector.
        let scanning = since == nil || !connector(side).limits.incrementalPull
        if !scanning { pulled.links = [:] }
        let feed = PageFeed(connector(side), request, label: "channelsync.cycle.pull.\(side)")
        var pages = 0
        let summary: PullSummary
        do {
            summary = try takePages(from: feed) { page throws(CycleError) in
                pages += 1
                if pages == 2, writer == nil, !scanning, settings.overlapSends {
                    writer = makeWriter(for: "pulled records", checkpoints: true)
                }
                try take(page, side: side, scanning: scanning, into: &pulled)
                hooks.pageDone(page.records.count + page.deletes.count)
                if hooks.isStopping { throw CycleError.stopped(mapping: mapping.name) }
            }
        } catch let error as ConnectorError {
            throw .pullFailed(side: side, remote: remote(side), error: error)
        } catch let error as CycleError {
            throw error
        } catch {
            throw CycleError.store("pull the \(side)", error)
        }
        pulled.pages = summary.pages
        pulled.completeScan = summary.completeScan
        // A complete scan notes records it did not see as deletes: reconciling reads their links.
        if summary.completeScan { pulled.links = nil }
        pulled.cursor = SideCursor(pull: summary.cursor, fullScanAt: summary.completeScan ? now : cursor?.fullScanAt)
        if summary.completeScan {
            try writer?.drain()
            try noteAbsent(side: side, in: &pulled, at: now)
        }
        return pulled
    }

    /// Hands each page of `feed` to `take` until the pull ends; returns how it ended. On a
    /// failure on either side the feed is cancelled (its thread is done when this throws).
    private func takePages(from feed: PageFeed, _ take: (ChangePage) throws(CycleError) -> Void) throws -> PullSummary {
        do {
            while true {
                switch try feed.next() {
                case let .page(page):
                    try take(page)
                case let .end(summary):
                    feed.close()
                    return summary
                }
            }
        } catch {
            feed.cancel()
            throw error
        }
    }

    /// Normalizes one page and saves its records in the index (for linking later). When
    /// `scanning` (a complete read), the page's active pairs and shadows are read with one
    /// query: a record exactly as its shadow holds it is only noted as seen
    /// (`PulledSide.quiet`), so a complete scan keeps no record that has nothing to
    /// reconcile. An incremental pull skips that read: its records are nearly all changed,
    /// reconciling reads their links and shadows anyway, and one that is not is left alone
    /// there (`nothingNew`).
    private func take(_ page: ChangePage, side: Side, scanning: Bool,
                      into pulled: inout PulledSide) throws(CycleError) {
        try unquietRedelivered(page, side: side, in: &pulled)
        var snapshots: [RecordSnapshot] = []
        snapshots.reserveCapacity(page.records.count + page.deletes.count)
        /// Complete records by position in `page.records`, with their index entries (an
        /// array, not a dictionary: filled for nearly every position, and a dictionary's
        /// growth moved these large entries several times a page); records read in part
        /// that are still reconciled (their other fields); withheld.
        var complete: [Completed?] = Array(repeating: nil, count: page.records.count)
        var partial: [Int: CanonicalRecord] = [:]
        var withheld: Set<Int> = []
        /// Records of active links kept in memory: an existing index row is left as it is.
        var linked: Set<String> = []
        for (position, native) in page.records.enumerated() where !native.deleted {
            let normalized = mapping.normalize(native.fields, side: side)
            let record = compiled.record(side: side, id: native.id, modifiedAt: native.modifiedAt,
                                         externalId: externalID(of: native, side: side), values: normalized.values)
            guard normalized.isComplete else {
                pulled.unreadable[native.id] = normalized.errors
                if normalized.errors.contains(where: { guardedFields.contains($0.field) }) {
                    // Without its scope or match-key fields the record could be unlinked or
                    // linked wrongly: it waits until it reads cleanly.
                    pulled.withheld.insert(native.id)
                    withheld.insert(position)
                } else {
                    partial[position] = record
                }
                continue
            }
            complete[position] = (record, try indexEntry(record))
        }
        let unchanged = scanning ? try unchangedPairs(page, side: side, complete: complete, pulled: pulled) : []
        try noteLinks(ofPage: page, side: side, in: &pulled)
        for (position, native) in page.records.enumerated() {
            pulled.pulled += 1
            if native.deleted {
                if pulled.note(.deleted(at: native.modifiedAt), id: native.id) {
                    snapshots.append(deletedSnapshot(side: side, id: native.id, at: native.modifiedAt))
                }
                continue
            }
            if withheld.contains(position) {
                pulled.noteSeen(native.id)
                continue
            }
            if let record = partial[position] {
                pulled.note(.record(record), id: native.id)
                continue
            }
            guard let (record, snapshot) = complete[position] else { continue }
            if unchanged.contains(position) {
                pulled.noteQuiet(native.id)
                snapshots.append(snapshot)
            } else if pulled.note(.indexed(modifiedAt: record.modifiedAt), id: native.id) {
                // The index keeps the newest delivery, the one reconciled; but the row of a
                // record in an active link is not rewritten while the record is kept in
                // memory: its link's shadow takes what it is synced to (`saveRecords`).
                snapshots.append(snapshot)
                if pulled.keep(record, entry: snapshot), !scanning, pulled.isActivelyLinked(native.id) {
                    linked.insert(native.id)
                } else {
                    linked.remove(native.id)
                }
            }
        }
        for delete in page.deletes {
            pulled.pulled += 1
            if pulled.note(.deleted(at: delete.deletedAt), id: delete.id) {
                snapshots.append(deletedSnapshot(side: side, id: delete.id, at: delete.deletedAt))
            }
        }
        let page = snapshots
        let rowsLeft = linked
        try store("save the records read from the \(side)") { state in try state.saveRecords(page, leavingRowsOf: rowsLeft) }
    }

    /// Positions of complete records that are exactly what their active pair's shadow
    /// holds, at a time already seen (`nothingNew` for that side), read with one query for
    /// the page. Only for records delivered once in this pull (a second delivery takes the
    /// full path, so the newer one wins), and not with lead distribution (which reads
    /// every pulled record).
    private func unchangedPairs(_ page: ChangePage, side: Side, complete: [Completed?],
                                pulled: PulledSide) throws(CycleError) -> Set<Int> {
        guard mapping.leadDistribution == nil else { return [] }
        var deliveries: [String: Int] = [:]
        deliveries.reserveCapacity(page.records.count + page.deletes.count)
        for native in page.records { deliveries[native.id, default: 0] += 1 }
        for delete in page.deletes { deliveries[delete.id, default: 0] += 1 }
        let eligible = complete.indices.filter { position in
            guard let id = complete[position]?.record.id else { return false }
            return deliveries[id] == 1 && !pulled.delivered(id)
        }
        guard !eligible.isEmpty else { return [] }
        let shadows: [String: ActivePairShadow]
        do {
            shadows = try state.activePairShadows(mapping: mapping.name, side: side,
                                                  recordIDs: eligible.compactMap { complete[$0]?.record.id })
        } catch {
            throw CycleError.store("read the links and shadows of a \(side) page", error)
        }
        var unchanged: Set<Int> = []
        for position in eligible {
            guard let entry = complete[position], let shadow = shadows[entry.record.id],
                  shadow.values == entry.snapshot.values, entry.record.modifiedAt <= shadow.modifiedAt ?? .min else { continue }
            unchanged.insert(position)
        }
        return unchanged
    }

    /// A complete record of a page with its records-index entry.
    typealias Completed = (record: CanonicalRecord, snapshot: RecordSnapshot)

    /// Reads the links of the page's records now (`PulledSide.links`), while the records
    /// are saved beside this thread and the next page is on the wire, instead of all of
    /// them before the first reconcile.
    private func noteLinks(ofPage page: ChangePage, side: Side, in pulled: inout PulledSide) throws(CycleError) {
        guard pulled.links != nil else { return }
        for batch in Self.batches(page.records.map(\.id) + page.deletes.map(\.id)) {
            do {
                for (id, records) in try state.links(mapping: mapping.name, side: side, recordIDs: batch) {
                    pulled.links?[id] = records.map(\.link)
                }
            } catch {
                throw CycleError.store("read the links of \(batch.count) \(side) records", error)
            }
        }
    }

    /// Records noted quiet on an earlier page and delivered again on this one become
    /// changes first (read back from the records index, which holds them as delivered).
    private func unquietRedelivered(_ page: ChangePage, side: Side, in pulled: inout PulledSide) throws(CycleError) {
        guard !pulled.quiet.isEmpty else { return }
        let ids = page.records.map(\.id) + page.deletes.map(\.id)
        for id in ids where pulled.quiet.contains(id) {
            pulled.unquiet(id, modifiedAt: try indexedRecord(side: side, id: id).modifiedAt)
        }
    }

    /// A quiet record as it was delivered, from the records index.
    func indexedRecord(side: Side, id: String) throws(CycleError) -> CanonicalRecord {
        try writer?.drain()
        do {
            guard let snapshot = try state.indexedRecord(mapping: mapping.name, side: side, id: id) else {
                throw StateError.unreadableRow(table: "records", column: "id", found: "no row for \(side) record \(id)")
            }
            return try snapshot.canonicalRecord(alignedTo: compiled.names)
        } catch {
            throw CycleError.store("read \(side) record \(id) back from the records index", error)
        }
    }

    /// After a complete scan: known records that were not delivered are gone. Linked ones
    /// become deletes to reconcile; all of them stop being link candidates.
    private func noteAbsent(side: Side, in pulled: inout PulledSide, at now: Int64) throws(CycleError) {
        do {
            let linked = try state.liveLinkedIDs(mapping: mapping.name, side: side)
            let known = linked.union(try state.knownRecordIDs(mapping: mapping.name, side: side))
            let missing = known.filter { !pulled.delivered($0) }.sorted()
            guard !missing.isEmpty else { return }
            for id in missing where linked.contains(id) { pulled.note(.deleted(at: now), id: id) }
            try state.markRecordsDeleted(mapping: mapping.name, side: side, ids: missing)
            logger.info("records missing from a complete scan taken as deleted",
                        ["side": side.rawValue, "count": String(missing.count)])
        } catch {
            throw CycleError.store("compare the complete \(side) scan with the known records", error)
        }
    }

    /// The index entry of a readable record, with its match keys.
    func indexEntry(_ record: CanonicalRecord) throws(CycleError) -> RecordSnapshot {
        do {
            return try RecordSnapshot(record, mapping: compiled)
        } catch {
            throw CycleError.store("encode \(record.side) record \(record.id) for the records index", error)
        }
    }

    private func deletedSnapshot(side: Side, id: String, at: Int64) -> RecordSnapshot {
        RecordSnapshot(mapping: mapping.name, side: side, id: id, modifiedAt: at, values: "{}", deleted: true)
    }

    /// The counterpart's id the record carries in its external-id field, as text.
    private func externalID(of native: NativeRecord, side: Side) -> String? {
        guard let path = mapping.binding(side).externalIdField else { return nil }
        switch native.fields[path: path] {
        case let .string(text)?: return text.isEmpty ? nil : text
        case let .number(number)?: return number.description
        default: return nil
        }
    }

    /// Fields whose absence would change which records take part or get linked.
    var guardedFields: Set<String> {
        Set(mapping.scope.map(\.field)).union(mapping.matchKeys.flatMap { $0 })
    }

    /// The native fields a pull asks for: each mapped path's first key (Salesforce takes
    /// dotted relationship paths whole), and the external-id field.
    func nativeFields(_ side: Side) -> [String] {
        let dotted = connector(side) is SalesforceConnector
        var paths = mapping.fields.compactMap { $0.path(side) }
        if let external = mapping.binding(side).externalIdField { paths.append(external) }
        let names = paths.map { dotted ? $0.description : $0.components[0] }
        return Array(Set(names)).sorted()
    }
}
