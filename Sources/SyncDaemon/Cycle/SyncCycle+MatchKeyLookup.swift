import Connectors
import SyncCore

extension SyncCycle {
    /// Where a create on `side` is found again when its answer is lost, on a side with no
    /// external-id field (`Mapping.matchKeyLookupPath`, asking this side's connector, e.g.
    /// the generic PRM's unique `reference` with `lookup.param`). Nil when the side has an
    /// external-id field (looked up by it) or no such key: such a create cannot be found,
    /// and becomes a dead letter.
    func matchKeyLookupPath(_ side: Side) -> FieldPath? {
        let connector = connector(side)
        return mapping.matchKeyLookupPath(side) { object, field in connector.canLookUp(object: object, field: field) }
    }

    /// The value a pending create carries at `path` in its stored payload, as the remote
    /// will hold it; nil when it carries none (then it cannot be looked up).
    static func matchKeyValue(payload: String, at path: FieldPath) -> String? {
        guard let text = (try? JSONParser().parse(payload))?[path: path]?.scalarText, !text.isEmpty else { return nil }
        return text
    }
}
