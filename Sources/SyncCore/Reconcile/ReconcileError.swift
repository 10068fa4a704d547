/// Inputs the reconciler refuses: a mapping it cannot compile, or a call whose
/// parts do not belong together (a caller bug, reported instead of guessed at).
public enum ReconcileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The mapping breaks an invariant config validation guarantees
    /// (e.g. a scope filter or match key naming an unknown field).
    case invalidMapping(mapping: String, problem: String)
    /// The link belongs to another mapping.
    case wrongMapping(linkId: String, linkMapping: String, reconciler: String)
    /// A record passed as one side's change says it is from the other side.
    case wrongSide(expected: Side, recordId: String)
    /// A change is for a different record than the link's on that side.
    case recordNotInLink(linkId: String, side: Side, linked: String?, received: String)
    /// Both sides' changes were given with no link: pairs are made by linking.
    case unlinkedPair(crmId: String, prmId: String)
    /// A record in no link was passed without an id for the link reconciling it may make.
    case missingNewLinkID(recordId: String)

    public var description: String {
        switch self {
        case let .invalidMapping(mapping, problem):
            "mapping '\(mapping)' cannot be reconciled: \(problem)"
        case let .wrongMapping(linkId, linkMapping, reconciler):
            "link \(linkId) belongs to mapping '\(linkMapping)', not '\(reconciler)'"
        case let .wrongSide(expected, recordId):
            "record \(recordId) was passed as the \(expected) change but is not a \(expected) record"
        case let .recordNotInLink(linkId, side, linked, received):
            "link \(linkId) holds \(side) record \(linked ?? "(none yet)"), but a change for \(received) was passed"
        case let .unlinkedPair(crmId, prmId):
            "changes for CRM \(crmId) and PRM \(prmId) were passed together without a link"
        case let .missingNewLinkID(recordId):
            "record \(recordId) is in no link, but no id was passed for a new link"
        }
    }
}
