import SyncCore
import SyncStore

extension LeadRouteRecord {
    /// The route in `show --json`.
    var json: JSONValue {
        .object([
            "mapping": .string(mapping), "crmId": .string(crmID), "partner": JSONFields.text(partner),
            "rule": JSONFields.text(rule), "state": .string(state.rawValue), "offeredAt": TimeText.json(offeredAt),
            "deadline": TimeText.json(deadline), "excluded": .array(excluded.map { .string($0) }),
            "lead": JSONFields.embedded(attributes), "updatedAt": TimeText.json(updatedAt),
        ])
    }

    /// One line for `show`: `ROUTE mapping leads  offered  partner fabrikam (rule dach)  offered …  accept by …  had it: northwind`.
    var line: String {
        var text = "ROUTE mapping \(mapping)  \(state.rawValue)"
        if let partner, state != .unrouted { text += "  partner \(partner)" }
        if let rule { text += " (rule \(rule))" }
        if let offeredAt { text += "  offered \(TimeText.table(offeredAt))" }
        if state == .offered, let deadline { text += "  accept by \(TimeText.table(deadline))" }
        text += "  had it: " + (excluded.isEmpty ? "-" : excluded.joined(separator: ", "))
        return TextTable.printable(text)
    }
}
