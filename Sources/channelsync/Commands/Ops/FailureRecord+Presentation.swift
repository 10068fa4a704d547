import SyncCore
import SyncStore

extension FailureRecord {
    /// The failure in `--json` output (see `FailuresCommand.help`).
    var json: JSONValue {
        .object([
            "id": JSONFields.number(id), "mapping": .string(mapping), "writeId": JSONFields.number(writeID),
            "link": JSONFields.text(linkID), "crmId": JSONFields.text(crmID), "prmId": JSONFields.text(prmID),
            "side": .string(side.rawValue), "operation": .string(operation.rawValue),
            "recordId": JSONFields.text(recordID), "externalId": JSONFields.text(externalID),
            "payload": JSONFields.embedded(payload),
            "error": .object(["httpStatus": JSONFields.number(refusal.httpStatus), "code": JSONFields.text(refusal.code),
                              "message": .string(refusal.message)]),
            "attempts": JSONFields.number(attempts), "state": .string(state.rawValue),
            "firstFailedAt": TimeText.json(firstFailedAt), "lastFailedAt": TimeText.json(lastFailedAt),
            "requeuedAt": TimeText.json(requeuedAt), "requeuedBy": JSONFields.text(requeuedBy),
            "closedAt": TimeText.json(closedAt),
        ])
    }

    static let tableColumns: [TextTable.Column] = [
        .init("ID", max: 10, right: true), .init("LAST FAILED", max: 20), .init("MAPPING", max: 16), .init("OP", max: 6),
        .init("TO", max: 3), .init("CRM", max: 18), .init("PRM", max: 18), .init("TRIES", max: 5, right: true),
        .init("STATE", max: 8), .init("ERROR", max: 60),
    ]

    var tableCells: [String] {
        [String(id), TimeText.table(lastFailedAt), mapping, operation.rawValue, side.description, crmID ?? "-",
         prmID ?? "-", String(attempts), state.rawValue, refusal.summary]
    }
}
