import Connectors
import SyncCore

extension CycleSummary {
    /// What the runtime records of this cycle: records by direction, operation and
    /// result; requests, throttling and quota per remote; both remotes reached.
    ///
    /// Connectors count requests, not statuses, so `requests` carries one bucket per
    /// remote, `"all"`; the daemon's `CycleRunner` replaces it with counts by HTTP status
    /// from its `RequestTally`.
    public var report: CycleReport {
        var records: [RecordOutcomeKey: Int] = [:]
        for (write, count) in writeResults where count > 0 {
            let key = RecordOutcomeKey(direction: write.side == .crm ? "to_crm" : "to_prm",
                                       operation: write.operation.rawValue, result: write.result)
            records[key, default: 0] += count
        }
        var report = CycleReport(records: records, summary: shortText)
        report.pullMillis = pullMillis
        report.reconcileMillis = reconcileMillis
        for (remote, usage) in requests {
            report.requests[remote] = ["all": usage.requests]
            report.throttled[remote] = usage.throttled
            if let left = usage.quotaRemaining { report.quotaRemaining[remote] = left }
            report.remotes[remote] = .reached
        }
        return report
    }

    /// e.g. `"3 created, 1 updated, 1 conflict"`, or `"nothing to do"`.
    public var shortText: String {
        let created = crm.created + prm.created, updated = crm.updated + prm.updated, deleted = crm.deleted + prm.deleted
        var parts: [String] = []
        if created > 0 { parts.append("\(created) created") }
        if updated > 0 { parts.append("\(updated) updated") }
        if deleted > 0 { parts.append("\(deleted) deleted") }
        if linked > 0 { parts.append("\(linked) linked") }
        if conflicts > 0 { parts.append("\(conflicts) conflict\(conflicts == 1 ? "" : "s")") }
        if problems > 0 { parts.append("\(problems) failed") }
        return parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")
    }
}
