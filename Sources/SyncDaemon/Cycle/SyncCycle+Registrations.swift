import SyncCore
import SyncStore

/// The deal-registration workflow inside a cycle (ARCHITECTURE.md, "Partner-program
/// workflows"): every reconciled plan passes through `CycleRegistrations.review`, and
/// after reconciling, approved registrations whose protection period is over are
/// expired on both sides, on the cycle's clock.
extension SyncCycle {
    /// The cycle's registration rules, or nil when the mapping has none.
    func makeRegistrations(pulled sides: [PulledSide]) -> CycleRegistrations? {
        let pulled = Dictionary(sides.map { ($0.side, $0) }, uniquingKeysWith: { _, last in last })
        return CycleRegistrations(mapping: mapping, compiled: compiled, crm: crm, state: state, pulled: pulled)
    }

    /// Plans `expired` for the linked registrations whose protection ended before today
    /// (UTC, by `clock`). Protection ends on a date, so every active link's shadow is read
    /// once a day (the first cycle of the day, or after a failed cycle, a restart or a
    /// reload naming other fields: an O(links) read); the cycles after it read only the
    /// links the previous cycle changed. Links reconciled in this cycle wait for the next
    /// one, which sees their new shadow.
    func expireRegistrations(_ registrations: CycleRegistrations, links: CycleLinks,
                             into plan: inout CyclePlan) throws(CycleError) {
        let registration = registrations.workflow.registration
        let now = clock()
        guard let dateField = registration.expiresAtField, let today = ProtectionPeriod.date(ofMillis: now) else { return }
        let day = today.description
        let fields = registration.statusField + " " + dateField
        let previous = expiryCheck.previous.flatMap { $0.day == day && $0.fields == fields ? $0 : nil }
        let due: [String]
        do {
            due = try state.linksWithStatus(mapping: mapping.name, statusField: registration.statusField,
                                            status: RegistrationStatus.approved.rawValue, dateField: dateField,
                                            before: day, among: previous.map { $0.recheck.sorted() })
        } catch {
            throw CycleError.store("read the registrations due to expire", error)
        }
        expiryCheck.next = ExpiryCheck(day: day, recheck: registrations.touched, fields: fields)
        for linkID in due where !registrations.touched.contains(linkID) {
            let record: LinkRecord?
            do {
                record = try state.link(id: linkID)
            } catch {
                throw CycleError.store("read link \(linkID)", error)
            }
            guard let link = record?.link, let shadow = try links.shadow(linkID: linkID),
                  let expiry = registrations.workflow.expire(link: link, shadow: shadow, now: now) else { continue }
            links.apply(expiry, callLink: linkID)
            try plan.add(expiry, link: link)
        }
    }
}
