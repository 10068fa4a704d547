/// The end of a protection period, evaluated by the cycle on its own clock.
extension RegistrationWorkflow {
    /// The expiry date a linked registration's shadow holds, when it is approved.
    public func protectedUntil(_ shadow: Shadow) -> CalendarDate? {
        guard let field = registration.expiresAtField,
              RegistrationStatus(shadow.crm[statusField] ?? shadow.prm[statusField]) == .approved,
              case let .date(text)? = shadow.crm[field] ?? shadow.prm[field] else { return nil }
        return CalendarDate(iso: text)
    }

    /// A plan marking the registration `expired` on both sides once its protection
    /// period is over at `now`; nil while it is protected (or not approved).
    public func expire(link: Link, shadow: Shadow, now: Int64) -> Plan? {
        guard link.status == .active, let until = protectedUntil(shadow), ProtectionPeriod.hasExpired(until, now: now),
              registration.lifecycle.check(from: .approved, to: .expired, by: .daemon).isAllowed else { return nil }
        let aligned = Shadow(crm: shadow.crm.aligned(to: compiled.names), prm: shadow.prm.aligned(to: compiled.names),
                             crmModifiedAt: shadow.crmModifiedAt, prmModifiedAt: shadow.prmModifiedAt,
                             crmAwaitsEcho: shadow.crmAwaitsEcho, prmAwaitsEcho: shadow.prmAwaitsEcho,
                             conflicts: shadow.conflicts)
        var editor = PlanEditor(Plan(shadow: aligned), compiled: compiled, link: link, now: now)
        let expired = RegistrationStatus.expired.value
        for side in Side.allCases where aligned.values(side)[statusField] != expired {
            editor.set(statusField, expired, on: side, rule: .registrationExpired,
                       detail: "protection ended \(until); not won or extended")
        }
        return editor.plan.writes.isEmpty ? nil : editor.plan
    }
}
