import Connectors
import SyncCore

extension SyncCycle {
    /// Where a create on `side` is found again when its answer is lost, on a side with no
    /// external-id field: the native path of the first match key of a single field that
    /// has a path there and that the connector can filter by (the generic PRM's unique
    /// `reference` with `lookup.param`). Nil when the side has an external-id field (looked
    /// up by it) or no such key: such a create cannot be found, and becomes a dead letter.
    func matchKeyLookupPath(_ side: Side) -> FieldPath? {
        let binding = mapping.binding(side)
        guard binding.externalIdField == nil else { return nil }
        for key in mapping.matchKeys where key.count == 1 {
            guard let path = mapping.field(named: key[0])?.path(side) else { continue }
            if connector(side).canLookUp(object: binding.object, field: path.description) { return path }
        }
        return nil
    }

    /// The value a pending create carries at `path` in its stored payload, as the remote
    /// will hold it; nil when it carries none (then it cannot be looked up).
    static func matchKeyValue(payload: String, at path: FieldPath) -> String? {
        guard let text = (try? JSONParser().parse(payload))?[path: path]?.scalarText, !text.isEmpty else { return nil }
        return text
    }
}
