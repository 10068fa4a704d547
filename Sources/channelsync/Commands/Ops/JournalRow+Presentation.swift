import SyncCore
import SyncStore

extension JournalRow {
    /// The row in `--json` output (see `JournalCommand.help`).
    var json: JSONValue {
        .object([
            "seq": JSONFields.number(seq), "at": TimeText.json(at), "cycle": JSONFields.number(cycleID),
            "mapping": .string(mapping), "link": JSONFields.text(linkID), "crmId": JSONFields.text(crmID),
            "prmId": JSONFields.text(prmID), "direction": .string(direction.rawValue), "operation": .string(operation),
            "rule": JSONFields.text(rule), "changes": JSONFields.embedded(changes), "detail": JSONFields.text(detail),
            "status": .string(status.rawValue), "writeId": JSONFields.number(writeID),
            "intentSeq": JSONFields.number(intentSeq), "outcomeSeq": JSONFields.number(outcomeSeq),
            "error": JSONFields.text(error), "attempt": JSONFields.number(attempt),
        ])
    }

    static let tableColumns: [TextTable.Column] = [
        .init("SEQ", max: 12, right: true), .init("TIME", max: 20), .init("MAPPING", max: 16), .init("OP", max: 10),
        .init("DIR", max: 4), .init("STATUS", max: 7), .init("CRM", max: 18), .init("PRM", max: 18),
        .init("RULE", max: 18), .init("WHAT", max: 60),
    ]

    var tableCells: [String] {
        [String(seq), TimeText.table(at), mapping, operation, directionText, statusText, crmID ?? "-", prmID ?? "-",
         rule ?? "-", what]
    }

    /// An intent reads `pending` only while its write waits for an outcome; once
    /// settled it reads `intent` (the outcome row below it says how it ended).
    private var statusText: String {
        guard isIntent else { return status.rawValue }
        return outcomeSeq == nil ? "pending" : "intent"
    }

    private var directionText: String {
        switch direction {
        case .toCRM: "→CRM"
        case .toPRM: "→PRM"
        case .none: "-"
        }
    }

    /// What happened, in a few words: the field changes of an intent or decision, the
    /// intent an outcome settles (with the remote's error), or the detail.
    var what: String {
        var parts: [String] = []
        if let intentSeq { parts.append("outcome of \(intentSeq)") }
        if let error { parts.append(error) }
        let changed = CanonicalText.changes(changes)
        if !changed.isEmpty { parts.append(changed) }
        if parts.isEmpty || intentSeq == nil, let detail { parts.append(detail) }
        return parts.joined(separator: "; ")
    }
}
