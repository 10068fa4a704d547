/// One field of one pair as the merge sees it: each side's last synced value
/// and current value. A side without a change this cycle, or whose record does
/// not supply the field, holds its shadow value and counts as unchanged.
struct FieldSides {
    let name: String
    let shadowCRM: Value?
    let shadowPRM: Value?
    let crm: Value?
    let prm: Value?
    let crmChanged: Bool
    let prmChanged: Bool

    init(name: String, shadowCRM: Value?, shadowPRM: Value?, crmChange: Value?, prmChange: Value?) {
        self.name = name
        self.shadowCRM = shadowCRM
        self.shadowPRM = shadowPRM
        crm = crmChange ?? shadowCRM
        prm = prmChange ?? shadowPRM
        crmChanged = crmChange != nil && crmChange != shadowCRM
        prmChanged = prmChange != nil && prmChange != shadowPRM
    }

    /// A field of a failed write still due (`UnsentWrite`) to side `target`: both sides'
    /// base is what `target` held before it. The other side's value is its change, else
    /// its shadow (the value the write carried); `target`'s is its change, else that old
    /// value (the write never landed).
    init(name: String, unsentTo target: Side, before: Value?, shadowCRM: Value?, shadowPRM: Value?,
         crmChange: Value?, prmChange: Value?) {
        let carried = target == .prm ? crmChange ?? shadowCRM : prmChange ?? shadowPRM
        self.init(name: name, shadowCRM: before, shadowPRM: before,
                  crmChange: target == .prm ? carried : crmChange, prmChange: target == .crm ? carried : prmChange)
    }

    func current(_ side: Side) -> Value? { side == .crm ? crm : prm }
    func shadow(_ side: Side) -> Value? { side == .crm ? shadowCRM : shadowPRM }
    func changed(_ side: Side) -> Bool { side == .crm ? crmChanged : prmChanged }

    /// For a two-way `preferNonEmpty` field: the side whose non-empty value must
    /// win because the other side's change would empty the field; nil when
    /// emptiness decides nothing.
    var nonEmptyWinner: Side? {
        if crmChanged, prmChanged {
            guard let crm, let prm, crm.isEmpty != prm.isEmpty else { return nil }
            return crm.isEmpty ? .prm : .crm
        }
        let changed: Side = crmChanged ? .crm : .prm
        guard let value = current(changed), value.isEmpty,
              let other = current(changed.other), !other.isEmpty else { return nil }
        return changed.other
    }
}
