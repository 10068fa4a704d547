import Foundation
import Connectors
import SyncCore
import SyncDaemon

extension CycleSummary {
    /// The lines `once` prints for one mapping.
    var lines: [String] {
        var head = "\(mapping)\(dryRun ? " (dry run)" : ""): "
        if dryRun {
            let planned = writes.count + unlistedWrites
            head += planned == 0 ? "nothing to write" : "\(planned) write\(planned == 1 ? "" : "s") planned"
        } else {
            head += problems == 0 ? "ok" : "finished with \(problems) problem\(problems == 1 ? "" : "s")"
        }
        head += " in \(Self.seconds(durationMillis)) (pull \(Self.seconds(pullMillis)), "
            + "\(dryRun ? "reconcile" : "reconcile and send") \(Self.seconds(reconcileMillis)))"
        var lines = [head]
        for side in Side.allCases { lines.append("  " + Self.describe(side, counts(side), dryRun: dryRun)) }
        var tail = "  links made \(linked), conflicts opened \(conflicts)"
        if retried > 0 { tail += ", resends \(retried)" }
        if recovered.applied + recovered.requeued + recovered.dead > 0 {
            tail += ", unfinished writes settled: \(recovered.applied) applied, \(recovered.requeued) requeued, \(recovered.dead) dead"
        }
        if !dryRun, !cursorsAdvanced { tail += "; cursors kept (writes without an outcome remain)" }
        lines.append(tail)
        let usage = requests.sorted { $0.key < $1.key }.map { remote, usage in
            "\(remote) \(usage.requests)" + (usage.throttled > 0 ? " (\(usage.throttled) throttled)" : "")
                + (usage.quotaRemaining.map { ", \($0) left today" } ?? "")
        }
        lines.append("  API requests: " + (usage.isEmpty ? "none" : usage.joined(separator: "; ")))
        if dryRun {
            for write in writes { lines.append("  " + Self.describe(write)) }
            if unlistedWrites > 0 { lines.append("  … and \(unlistedWrites) more writes (only the first \(writes.count) are listed)") }
        }
        return lines
    }

    /// e.g. `"2.6s"`.
    private static func seconds(_ millis: Int64) -> String {
        String(format: "%.1fs", Double(millis) / 1000)
    }

    private static func describe(_ side: Side, _ counts: SideCounts, dryRun: Bool) -> String {
        var parts = ["pulled \(counts.pulled) (\(counts.pages) page\(counts.pages == 1 ? "" : "s")\(counts.completeScan ? ", complete scan" : ""))"]
        let verb = dryRun ? "to create" : "created"
        parts.append("\(verb) \(counts.created)")
        parts.append("\(dryRun ? "to update" : "updated") \(counts.updated)")
        parts.append("\(dryRun ? "to delete" : "deleted") \(counts.deleted)")
        if counts.failed > 0 { parts.append("failed \(counts.failed) (resent next cycle)") }
        if counts.dead > 0 { parts.append("dead letters \(counts.dead)") }
        if counts.unsettled > 0 { parts.append("unsettled \(counts.unsettled)") }
        if counts.unreadable > 0 { parts.append("unreadable \(counts.unreadable) (see journal)") }
        return "\(side): " + parts.joined(separator: ", ")
    }

    private static func describe(_ write: Write) -> String {
        let target = write.recordID.map { "\(write.side) \($0)" } ?? "\(write.side) (new)"
        let fields = write.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }
        return "\(write.operation.rawValue) \(target), link \(write.linkID)" + (fields.isEmpty ? "" : ": " + fields.joined(separator: ", "))
    }

    private static func quoted(_ text: String) -> String {
        text.contains(where: { $0 == " " || $0 == "," || $0 == "=" }) ? "\"\(text)\"" : text
    }

    /// The mapping's entry in `once --json`.
    var json: JSONValue {
        var sides: [String: JSONValue] = [:]
        for side in Side.allCases {
            let counts = counts(side)
            sides[side.rawValue] = .object([
                "pulled": JSONFields.number(counts.pulled), "pages": JSONFields.number(counts.pages),
                "completeScan": .bool(counts.completeScan), "created": JSONFields.number(counts.created),
                "updated": JSONFields.number(counts.updated), "deleted": JSONFields.number(counts.deleted),
                "failed": JSONFields.number(counts.failed), "dead": JSONFields.number(counts.dead),
                "unsettled": JSONFields.number(counts.unsettled), "unreadable": JSONFields.number(counts.unreadable),
            ])
        }
        var remotes: [String: JSONValue] = [:]
        for (remote, usage) in requests {
            remotes[remote] = .object([
                "requests": JSONFields.number(usage.requests), "throttled": JSONFields.number(usage.throttled),
                "quotaUsed": JSONFields.number(usage.quotaUsed), "quotaLimit": JSONFields.number(usage.quotaLimit),
            ])
        }
        let writes: [JSONValue] = self.writes.map { write in
            .object([
                "side": .string(write.side.rawValue), "operation": .string(write.operation.rawValue),
                "recordId": JSONFields.text(write.recordID), "linkId": .string(write.linkID),
                "fields": .object(write.fields.mapValues { .string($0) }), "result": .string(write.result),
            ])
        }
        return .object([
            "mapping": .string(mapping), "ok": .bool(true), "dryRun": .bool(dryRun), "cycle": JSONFields.number(cycleID),
            "crm": sides["crm"] ?? .null, "prm": sides["prm"] ?? .null, "linked": JSONFields.number(linked),
            "conflicts": JSONFields.number(conflicts), "retried": JSONFields.number(retried),
            "recovered": .object(["applied": JSONFields.number(recovered.applied),
                                  "requeued": JSONFields.number(recovered.requeued), "dead": JSONFields.number(recovered.dead)]),
            "requests": .object(remotes), "durationMs": JSONFields.number(durationMillis),
            "pullMs": JSONFields.number(pullMillis), "reconcileMs": JSONFields.number(reconcileMillis),
            "cursorsAdvanced": .bool(cursorsAdvanced), "hasChanges": .bool(hasChanges), "writes": .array(writes),
            "writesUnlisted": JSONFields.number(unlistedWrites),
        ])
    }
}
