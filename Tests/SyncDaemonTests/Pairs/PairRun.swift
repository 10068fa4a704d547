import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// One mapping of one pair, run end to end through `SyncCycle` with the example config:
/// records created, edited and deleted on each side arrive on the other with the mapped
/// values (or, for deletes, as the mapping's `deletePolicy` says), the cycle after each
/// change writes nothing, and every cycle spends the minimum requests (`RequestMinimum`).
struct PairRun {
    let pair: PairCase
    let flow: PairCase.Flow
    let world: CycleWorld
    let mapping: Mapping
    let minimum = RequestMinimum()
    /// Records entered on each side; 0 is edited, 1 deleted, the rest left alone.
    static let recordsPerSide = 3

    init(_ pair: PairCase, _ flow: PairCase.Flow, world: CycleWorld) throws {
        self.pair = pair
        self.flow = flow
        self.world = world
        mapping = try world.mapping(flow.mapping)
    }

    func system(_ side: Side) -> SandboxSystem { side == .crm ? pair.crm : pair.prm }
    func store(_ side: Side) -> SandboxStore { world.sandbox.store(system(side)) }
    func object(_ side: Side) -> String { mapping.binding(side).object }

    func run() throws {
        let (fromCRM, fromPRM) = try firstSync(count: Self.recordsPerSide)

        // Edits on each side arrive on the other.
        try store(.crm).edit(object(.crm), id: fromCRM[0], set: flow.crmEdit)
        try store(.prm).edit(object(.prm), id: fromPRM[0], set: flow.prmEdit)
        world.wait()
        try cycle("edits", crm: .init(updates: 1), prm: .init(updates: 1))
        try expectArrived(.crm, fromCRM[0], flow.crmEditArrives)
        try expectArrived(.prm, fromPRM[0], flow.prmEditArrives)
        try expectMirrored(.crm, fromCRM[0])
        try expectMirrored(.prm, fromPRM[0])
        try cycle("after the edits", crm: .init(), prm: .init())

        // Deletes on each side (a complete scan sees hard deletes on APIs without a feed).
        let crmLink = try #require(try world.state.liveLink(mapping: mapping.name, side: .crm, recordID: fromCRM[1]))
        let prmLink = try #require(try world.state.liveLink(mapping: mapping.name, side: .prm, recordID: fromPRM[1]))
        try store(.crm).delete(object(.crm), id: fromCRM[1])
        try store(.prm).delete(object(.prm), id: fromPRM[1])
        world.wait(minutes: 15)
        let propagates = mapping.deletePolicy == .propagate
        try cycle("deletes", fullScan: true, crm: .init(deletes: propagates ? 1 : 0), prm: .init(deletes: propagates ? 1 : 0))
        try expectDeleteHandled(crmLink, deletedOn: .crm)
        try expectDeleteHandled(prmLink, deletedOn: .prm)
        try cycle("after the deletes", crm: .init(), prm: .init())
        if mapping.deletePolicy != .propagate {
            // The kept copies live on: an edit, and a complete scan that sees them again,
            // must not create the deleted records anew (nor write anything to a flagged pair).
            try store(.prm).edit(object(.prm), id: try #require(crmLink.prmID), set: flow.prmEdit)
            try store(.crm).edit(object(.crm), id: try #require(prmLink.crmID), set: flow.crmEdit)
            world.wait(minutes: 15)
            try cycle("kept copies edited", fullScan: true, crm: .init(), prm: .init())
        }
        // The untouched records are still linked and in step.
        try expectMirrored(.crm, fromCRM[2])
        try expectMirrored(.prm, fromPRM[2])
    }

    /// `count` records entered on each side are created on the other with the mapped
    /// values; the next cycle writes nothing. Returns the ids entered on each side.
    @discardableResult
    func firstSync(count: Int) throws -> (crm: [String], prm: [String]) {
        let fromCRM = try store(.crm).seed(object(.crm), records: (0..<count).map(flow.crmRecord)).map(\.id)
        let fromPRM = try store(.prm).seed(object(.prm), records: (0..<count).map(flow.prmRecord)).map(\.id)
        world.wait()
        // A field the PRM reads with a default (`assignment.state` → pending) is written
        // back to the CRM records it was created from, in the same cycle.
        let writtenBack = flow.readDefaultsWrittenBack ? count : 0
        try cycle("first sync", first: true, crm: .init(creates: count, updates: writtenBack), prm: .init(creates: count),
                  partnerLookups: try partnersToCheck(fromPRM))
        for id in fromCRM { try expectMirrored(.crm, id) }
        for id in fromPRM { try expectMirrored(.prm, id) }
        try cycle("after the first sync", crm: .init(), prm: .init())
        return (fromCRM, fromPRM)
    }

    // MARK: - One cycle, its writes and its requests

    /// Runs a cycle and checks the writes made to each side and the requests spent.
    /// - Parameter partnerLookups: CRM lookups the deal-registration program makes (one per
    ///   partner of the deals registered on the PRM in this cycle).
    func cycle(_ label: String, first: Bool = false, fullScan: Bool = false,
               crm crmWrites: RequestMinimum.Writes, prm prmWrites: RequestMinimum.Writes, partnerLookups: Int = 0) throws {
        let context = "\(pair) \(mapping.name), \(label)"
        let reads = (crm: try toRead(.crm, complete: first || fullScan), prm: try toRead(.prm, complete: first || fullScan))
        let archived = (crm: try archivedListed(.crm), prm: try archivedListed(.prm))
        let deleteFeed = (crm: try deleteFeedRead(.crm), prm: try deleteFeedRead(.prm))
        world.sandbox.resetCounters()
        let summary = try world.cycle(mapping.name, settings: CycleSettings(fullScan: fullScan))
        let requests = world.sandbox.totalRequests
        #expect(summary.problems == 0 && summary.conflicts == 0, "\(context): \(summary)")
        #expect(written(summary.crm) == crmWrites, "\(context): CRM writes \(summary.writes)")
        #expect(written(summary.prm) == prmWrites, "\(context): PRM writes \(summary.writes)")

        var expected = partnerLookups
        for (side, read, archived, feed, writes) in [(Side.crm, reads.crm, archived.crm, deleteFeed.crm, crmWrites),
                                                     (.prm, reads.prm, archived.prm, deleteFeed.prm, prmWrites)] {
            expected += minimum.pull(system(side), records: read.records, incremental: !read.complete, archived: archived,
                                     deleteFeed: feed)
            expected += minimum.write(system(side), writes, replaceCostsRead: true)
            if first { expected += minimum.tokens(system(side)) }
        }
        if first { print("\(context): \(requests) requests, minimum \(expected)") }
        #expect(RequestMinimum.near(requests, expected),
                "\(context): \(requests) requests, minimum \(expected) (reads \(reads)): \(world.requests.filter { $0.value > 0 })")
    }

    /// Distinct partners of deals registered on the PRM that the mapping's registration
    /// program checks in the CRM (`dealRegistration.partnerMatch`): one lookup each.
    func partnersToCheck(_ prmIDs: [String]) throws -> Int {
        guard let field = mapping.dealRegistration?.partnerMatch?.field else { return 0 }
        var partners: Set<Value> = []
        for id in prmIDs {
            let record = try #require(store(.prm).record(object(.prm), id: id))
            if let partner = mapping.normalize(.object(record.fields), side: .prm).values[field] { partners.insert(partner) }
        }
        return partners.count
    }

    func written(_ counts: CycleSummary.SideCounts) -> RequestMinimum.Writes {
        .init(creates: counts.created, updates: counts.updated, deletes: counts.deleted)
    }

    /// Records a pull of `side` must read: everything on a complete scan (and always on
    /// an API without a change filter), else those changed since the cursor's high-water
    /// mark minus the overlap window.
    func toRead(_ side: Side, complete: Bool) throws -> (records: Int, complete: Bool) {
        // Salesforce's queryAll returns deleted rows; the others list live records only.
        let records = store(side).records(object(side), includeDeleted: system(side) == .salesforce)
        let stored = try world.state.cursor(mapping: mapping.name, side: side)
        let highWater = stored.flatMap { SideCursor.decode($0.value)?.pull?.highWater }
        guard !complete, system(side) != .generic, let highWater else { return (records.count, true) }
        return (records.filter { $0.modifiedAt >= highWater - CycleSettings().overlapMillis }.count, false)
    }

    /// Archived records an incremental HubSpot pull lists now (its `archivedListInterval`
    /// has passed since the list the cursor remembers), else nil.
    func archivedListed(_ side: Side) throws -> Int? {
        guard system(side) == .hubspot, try deleteListDue(side, option: "archivedListInterval", default: 0) else { return nil }
        return store(side).records(object(side), includeDeleted: true).filter(\.isDeleted).count
    }

    /// Whether an incremental Salesforce pull reads its delete feed now: the daemon reads
    /// it at most every `deleteFeedInterval` (default one hour).
    func deleteFeedRead(_ side: Side) throws -> Bool {
        system(side) == .salesforce ? try deleteListDue(side, option: "deleteFeedInterval", default: 3_600_000) : false
    }

    /// Whether the remote's delete list is due: `option` (ms) has passed since the deletes
    /// the side's cursor says were covered.
    private func deleteListDue(_ side: Side, option: String, default fallback: Int64) throws -> Bool {
        let remote = world.configuration.service.remotes.first { $0.name == mapping.binding(side).remote }
        var interval = fallback
        if case .number(let millis)? = remote?.options[option] {
            interval = NSDecimalNumber(decimal: millis).int64Value
        }
        let stored = try world.state.cursor(mapping: mapping.name, side: side)
        let covered = stored.flatMap { SideCursor.decode($0.value)?.pull?.deletesCoveredUntil }
        if let covered, world.clock.now() - covered < interval { return false }
        return true
    }

    // MARK: - Values on both sides

    /// The record's counterpart, through the link the cycle stored.
    func counterpart(_ side: Side, _ id: String) throws -> SandboxRecord {
        let link = try #require(try world.state.liveLink(mapping: mapping.name, side: side, recordID: id),
                                "\(pair) \(mapping.name): \(side) record \(id) is not linked")
        let other = side.other
        let otherID = try #require(other == .crm ? link.crmID : link.prmID)
        return try #require(store(other).record(object(other), id: otherID), "\(pair) \(mapping.name): \(other) \(otherID) is missing")
    }

    /// Every field that flows from `side` reads the same canonical value on both sides.
    func expectMirrored(_ side: Side, _ id: String) throws {
        let source = try #require(store(side).record(object(side), id: id))
        let target = try counterpart(side, id)
        let other = side.other
        let read = mapping.normalize(.object(source.fields), side: side)
        let written = mapping.normalize(.object(target.fields), side: other)
        #expect(read.isComplete && written.isComplete, "\(pair) \(mapping.name): \(read.errors) \(written.errors)")
        for field in mapping.fields where field.path(other) != nil && field.flows(from: side) {
            #expect(read.values[field.name] == written.values[field.name],
                    "\(pair) \(mapping.name): \(field.name) of \(side) \(id) reads \(String(describing: read.values[field.name])) but its \(other) copy \(target.id) reads \(String(describing: written.values[field.name]))")
        }
    }

    /// The native values an edit on `side` must have produced on the other side.
    func expectArrived(_ side: Side, _ id: String, _ values: [String: JSONValue]) throws {
        let target = try counterpart(side, id)
        for (path, value) in values {
            #expect(target.value(at: path) == value,
                    "\(pair) \(mapping.name): \(path) on the \(side.other) copy is \(String(describing: target.value(at: path))), expected \(value)")
        }
    }

    /// What the mapping's `deletePolicy` promises for a record deleted on `deletedOn`.
    func expectDeleteHandled(_ link: LinkRecord, deletedOn side: Side) throws {
        let other = side.other
        let otherID = try #require(other == .crm ? link.crmID : link.prmID)
        let copy = store(other).record(object(other), id: otherID)
        let status = try world.state.links(mapping: mapping.name, side: other, recordID: otherID).first { $0.id == link.id }?.status
        let context = "\(pair) \(mapping.name): deleted on the \(side)"
        switch mapping.deletePolicy {
        case .propagate:
            #expect(copy == nil || copy?.isDeleted == true, "\(context), the \(other) copy is still there")
        case .unlink:
            #expect(copy?.isDeleted == false, "\(context), the \(other) copy must stay")
            #expect(status == .unlinked, "\(context): link \(String(describing: status))")
        case .flag:
            #expect(copy?.isDeleted == false, "\(context), the \(other) copy must stay")
            #expect(status == .flagged, "\(context): link \(String(describing: status))")
        }
    }
}
