import Connectors
import SyncCore
import SyncStore

extension SyncCycle {
    /// Drives this mapping's writes that have no outcome (left by a crash, or sent in a
    /// batch whose answer was lost) to one. Each create is looked up by its external id —
    /// or, on a side without an external-id field, by its match-key value
    /// (`matchKeyLookupPath`): found means it arrived (its id fills the link), not found
    /// means it is sent again — so a create is never sent twice. A create that cannot be
    /// looked up either way becomes a dead letter. Updates and deletes carry the values
    /// they set, so repeating them is harmless: they are queued to be sent again.
    ///
    /// `causes`: the remote's error for writes this cycle left pending (a failed batch,
    /// an unreadable answer), carried verbatim into their outcomes.
    ///
    /// `only`: the write ids to settle (others stay pending); nil for all.
    ///
    /// Returns what was decided per write id, with the store's report.
    @discardableResult
    func settlePending(causes: [Int64: RemoteRefusal] = [:], only: Set<Int64>? = nil) throws(CycleError)
        -> (report: RecoveryReport, resolutions: [Int64: PendingResolution]) {
        var decided: [Int64: PendingResolution] = [:]
        var failure: CycleError?
        let report: RecoveryReport
        do {
            report = try state.resolvePending(mapping: mapping.name, atStartUp: false, causes: causes) { writes in
                do throws(CycleError) {
                    decided = try lookUp(only.map { only in writes.filter { only.contains($0.id) } } ?? writes)
                } catch {
                    failure = error
                    throw error
                }
                return decided
            }
        } catch {
            throw failure ?? CycleError.store("settle writes without an outcome", error)
        }
        if report.applied + report.requeued + report.dead > 0 {
            logger.info("settled writes left without an outcome", [
                "applied": String(report.applied), "requeued": String(report.requeued), "dead": String(report.dead),
            ])
        }
        return (report, decided)
    }

    private func lookUp(_ writes: [WriteRecord]) throws(CycleError) -> [Int64: PendingResolution] {
        var resolutions: [Int64: PendingResolution] = [:]
        var creates: [Side: [WriteRecord]] = [:]
        for write in writes {
            switch write.operation {
            case .update, .delete:
                resolutions[write.id] = .notApplied
            case .create:
                guard lookupValue(write) != nil else {
                    resolutions[write.id] = .unknown(reason: "the \(write.side) object has no external-id field "
                                                        + "(nor a match-key value) to look the record up by")
                    continue
                }
                creates[write.side, default: []].append(write)
            }
        }
        for side in Side.allCases {
            guard let list = creates[side], !list.isEmpty,
                  let field = mapping.binding(side).externalIdField ?? matchKeyLookupPath(side) else { continue }
            let values = Array(Set(list.compactMap(lookupValue))).sorted()
            let found: [String: NativeRecord]
            do {
                found = try connector(side).lookup(object: mapping.binding(side).object, externalIdField: field.description,
                                                   values: values)
            } catch let error as ConnectorError {
                throw .lookupFailed(side: side, remote: remote(side), error: error)
            } catch {
                throw CycleError.store("look up unsettled creates on the \(side)", error)
            }
            for write in list {
                if let value = lookupValue(write), let record = found[value] {
                    resolutions[write.id] = .applied(remoteID: record.id)
                } else {
                    resolutions[write.id] = .notApplied
                }
            }
        }
        return resolutions
    }

    /// What a pending create is looked up by: its external id, or on a side without an
    /// external-id field, the match-key value its payload carries.
    private func lookupValue(_ write: WriteRecord) -> String? {
        if mapping.binding(write.side).externalIdField != nil { return write.externalID }
        return matchKeyLookupPath(write.side).flatMap { Self.matchKeyValue(payload: write.payload, at: $0) }
    }
}
