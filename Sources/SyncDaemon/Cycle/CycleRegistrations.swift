import Connectors
import SyncCore
import SyncStore

/// What one cycle needs to apply a mapping's deal-registration rules: the pure
/// workflow, and the I/O behind a submission's checks — the partner lookup in the CRM
/// (one request per distinct partner per cycle) and the channel-conflict candidates
/// (the open deals and active registrations in the store's records index of both
/// sides, read once per cycle, only when a registration is submitted, with the records
/// this cycle pulled and keeps in memory over their rows — those of active links are not
/// written to the index — so the check sees every opportunity as of this cycle and
/// costs no API call).
///
/// Not `Sendable`: lives for one cycle on its queue, like `SyncState`.
final class CycleRegistrations {
    let workflow: RegistrationWorkflow
    private let search: ChannelConflictSearch?
    private let crm: any Connector
    private let crmRemote: String
    private let state: SyncState
    private let mapping: String
    private let names: [String]
    private var partners: [String: Bool] = [:]
    private var candidates: [ChannelConflictSearch.Candidate]?
    /// What this cycle pulled, by side: the records it keeps in memory are newer than their
    /// index rows, or not there at all.
    private let pulled: [Side: PulledSide]
    /// Registrations submitted earlier in this cycle (not yet in the CRM or the index
    /// as such): a second registration of the same customer in one cycle conflicts too.
    private var submitted: [ChannelConflictSearch.Candidate] = []
    /// Links this cycle reconciled: expiry leaves them to the next cycle.
    private(set) var touched: Set<String> = []

    init?(mapping: Mapping, compiled: CompiledMapping, crm: any Connector, state: SyncState,
          pulled: [Side: PulledSide]) {
        guard let registration = mapping.dealRegistration else { return nil }
        workflow = RegistrationWorkflow(registration: registration, compiled: compiled)
        search = ChannelConflictSearch(registration: registration)
        self.crm = crm
        crmRemote = mapping.crm.remote
        self.state = state
        self.mapping = mapping.name
        names = compiled.names
        self.pulled = pulled
    }

    /// The workflow applied to one reconciled plan.
    func review(_ plan: Plan, input: ReconcileInput) throws(CycleError) -> Plan {
        for link in plan.links { touched.insert(link.id) }
        if let link = input.link { touched.insert(link.id) }
        guard let record = workflow.submission(in: plan, input: input) else {
            return workflow.review(plan, input: input)
        }
        let checks = try self.checks(record)
        let reviewed = workflow.review(plan, input: input, checks: checks)
        if reviewed.writes.contains(where: { $0.side == .crm && $0.operation == .create }) {
            var pending = record
            pending.values[workflow.registration.statusField] = workflow.registration.pendingStatus.value
            if let candidate = search?.candidate(pending) { submitted.append(candidate) }
        }
        return reviewed
    }

    private func checks(_ record: CanonicalRecord) throws(CycleError) -> SubmissionChecks {
        var checks = SubmissionChecks()
        if let match = workflow.registration.partnerMatch {
            if case let .string(key)? = record.values[match.field], !key.isEmpty {
                checks.partner = key
                checks.partnerKnown = try partnerKnown(key, match)
            } else {
                checks.partnerKnown = false
            }
        }
        if let search {
            let all = try knownCandidates() + submitted
            checks.compared = all.count
            checks.conflict = search.firstMatch(for: record, among: all)
        }
        return checks
    }

    private func partnerKnown(_ key: String, _ match: PartnerMatch) throws(CycleError) -> Bool {
        if let known = partners[key] { return known }
        let found: [String: NativeRecord]
        do {
            found = try crm.lookup(object: match.crmObject, externalIdField: match.crmField, values: [key])
        } catch let error as ConnectorError {
            throw .partnerLookupFailed(remote: crmRemote, object: match.crmObject, error: error)
        } catch {
            throw CycleError.store("look up partner \(key) in \(match.crmObject)", error)
        }
        let known = found[key].map { !$0.deleted } ?? false
        partners[key] = known
        return known
    }

    /// The mapping's open deals and active registrations, read once per cycle (only the
    /// candidates are kept, not the records: memory grows with what claims a customer).
    private func knownCandidates() throws(CycleError) -> [ChannelConflictSearch.Candidate] {
        if let candidates { return candidates }
        guard let search else { return [] }
        var loaded: [ChannelConflictSearch.Candidate] = []
        do {
            try state.knownRecords(mapping: mapping) { known in
                let snapshot = known.snapshot
                let kept = pulled[snapshot.side]?.kept[snapshot.id]?.record
                let record = try kept ?? snapshot.canonicalRecord(alignedTo: names)
                if let candidate = search.candidate(record, counterpartId: known.counterpartID) { loaded.append(candidate) }
            }
        } catch {
            throw CycleError.store("read the known records for the channel-conflict check", error)
        }
        candidates = loaded
        return loaded
    }
}
