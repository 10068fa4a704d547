/// The last values both sides of a link agreed on: the base of the three-way merge.
/// Values are the caller's JSON text (an object of field → canonical value per side).
public struct ShadowRecord: Sendable, Hashable {
    public var linkID: String
    public var crmValues: String
    public var prmValues: String
    public var crmModifiedAt: Int64?
    public var prmModifiedAt: Int64?
    /// A write to that side has not been read back yet (see the reconciler's `Shadow`).
    public var crmAwaitsEcho: Bool
    public var prmAwaitsEcho: Bool
    /// Fields with an open manual conflict, sorted.
    public var conflictFields: [String]
    /// When the store last saved it (epoch ms; 0 before it is saved).
    public var updatedAt: Int64

    public init(linkID: String, crmValues: String, prmValues: String, crmModifiedAt: Int64? = nil,
                prmModifiedAt: Int64? = nil, crmAwaitsEcho: Bool = false, prmAwaitsEcho: Bool = false,
                conflictFields: [String] = []) {
        self.linkID = linkID
        self.crmValues = crmValues
        self.prmValues = prmValues
        self.crmModifiedAt = crmModifiedAt
        self.prmModifiedAt = prmModifiedAt
        self.crmAwaitsEcho = crmAwaitsEcho
        self.prmAwaitsEcho = prmAwaitsEcho
        self.conflictFields = conflictFields
        self.updatedAt = 0
    }

    /// Content hashes of `crmValues` / `prmValues` (16 hex digits; the store keeps
    /// them in the table too): a cheap "did this side's content change" test.
    public var crmHash: String { ContentHash.hex(crmValues) }
    public var prmHash: String { ContentHash.hex(prmValues) }
}
