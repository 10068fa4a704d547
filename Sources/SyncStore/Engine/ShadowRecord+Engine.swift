import SyncCore

extension ShadowRecord {
    /// The store's row for a link's shadow.
    public init(linkID: String, shadow: Shadow) throws {
        self.init(linkID: linkID, crmValues: StoredJSON.encode(shadow.crm), prmValues: StoredJSON.encode(shadow.prm),
                  crmModifiedAt: shadow.crmModifiedAt, prmModifiedAt: shadow.prmModifiedAt,
                  crmAwaitsEcho: shadow.crmAwaitsEcho, prmAwaitsEcho: shadow.prmAwaitsEcho,
                  conflictFields: shadow.conflicts)
    }

    /// The reconciler's shadow, its values laid out for `names` (a compiled mapping's
    /// fields; a field no longer mapped is dropped, a new one has no value).
    public func shadow(alignedTo names: [String]) throws -> Shadow {
        let crm = try StoredJSON.decodeValues(from: crmValues, alignedTo: names, table: "shadows", column: "crm_values")
        let prm = try StoredJSON.decodeValues(from: prmValues, alignedTo: names, table: "shadows", column: "prm_values")
        return Shadow(crm: crm, prm: prm, crmModifiedAt: crmModifiedAt,
                      prmModifiedAt: prmModifiedAt, crmAwaitsEcho: crmAwaitsEcho, prmAwaitsEcho: prmAwaitsEcho,
                      conflicts: conflictFields)
    }
}
