import SyncCore
import SyncStore

extension ConflictRecord {
    /// The conflict in `--json` output (see `ConflictsCommand.help`).
    var json: JSONValue {
        let resolutionJSON: JSONValue = switch resolution {
        case let .take(side)?: .object(["take": .string(side.rawValue), "value": JSONFields.embedded(resolvedValue)])
        case let .value(text)?: .object(["take": .string("value"), "value": JSONFields.embedded(text)])
        case nil: .null
        }
        return .object([
            "id": JSONFields.number(id), "mapping": .string(mapping), "link": .string(linkID),
            "crmId": JSONFields.text(crmID), "prmId": JSONFields.text(prmID), "kind": .string(kind.rawValue),
            "field": JSONFields.text(field), "base": JSONFields.embedded(base), "crm": JSONFields.embedded(crmValue),
            "prm": JSONFields.embedded(prmValue), "deletedSide": JSONFields.text(deletedSide?.rawValue),
            "candidates": .array(candidates.map { .string($0) }), "state": .string(state.rawValue),
            "openedAt": TimeText.json(openedAt), "resolution": resolutionJSON, "resolvedAt": TimeText.json(resolvedAt),
            "resolvedBy": JSONFields.text(resolvedBy), "closedAt": TimeText.json(closedAt),
        ])
    }

    static let tableColumns: [TextTable.Column] = [
        .init("ID", max: 10, right: true), .init("OPENED", max: 20), .init("MAPPING", max: 16), .init("KIND", max: 13),
        .init("FIELD", max: 20), .init("CRM ID", max: 18), .init("PRM ID", max: 18), .init("BASE", max: 20),
        .init("CRM VALUE", max: 24), .init("PRM VALUE", max: 24), .init("STATE", max: 24),
    ]

    var tableCells: [String] {
        var (fieldText, baseText, crmText, prmText) = (field ?? "-", CanonicalText.value(base),
                                                      CanonicalText.value(crmValue), CanonicalText.value(prmValue))
        switch kind {
        case .ambiguousLink:
            fieldText = "candidates: " + candidates.joined(separator: ", ")
        case .deleteVsEdit:
            if deletedSide == .crm { crmText = "(deleted)" }
            if deletedSide == .prm { prmText = "(deleted)" }
            baseText = "-"
        case .channel:
            fieldText = "\(field ?? "-") vs " + candidates.joined(separator: ", ")
            baseText = "-"
        case .field:
            break
        }
        return [String(id), TimeText.table(openedAt), mapping, kind.rawValue, fieldText, crmID ?? "-", prmID ?? "-",
                baseText, crmText, prmText, stateText]
    }

    private var stateText: String {
        switch (state, resolution) {
        case let (.resolved, .take(side)?): "resolved: take \(side.rawValue)"
        case (.resolved, .value?): "resolved: " + CanonicalText.value(resolvedValue)
        default: state.rawValue
        }
    }
}
