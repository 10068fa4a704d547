import Sandbox

/// The fewest requests the stand-ins' APIs allow for a cycle, computed from their
/// documented limits (`SandboxConfiguration`'s defaults are the vendors' real ones):
/// pages read plus batches written plus token calls; one request per record where the
/// API has no batch endpoint. Written once for every pair test.
struct RequestMinimum {
    var limits = SandboxConfiguration()

    /// Requests to read `records` in one pull of `system`.
    /// - Parameters:
    ///   - incremental: a pull since a cursor (Salesforce also reads its delete feed then)
    ///     rather than a complete scan.
    ///   - archived: HubSpot's search skips archived records, so an incremental pull lists
    ///     them (all of them: the list has no time filter) when the remote's
    ///     `archivedListInterval` has passed; nil when it is not due.
    ///   - deleteFeed: an incremental Salesforce pull reads its delete feed (the daemon does
    ///     so at most every `deleteFeedInterval`).
    func pull(_ system: SandboxSystem, records: Int, incremental: Bool, archived: Int? = nil, deleteFeed: Bool = true) -> Int {
        switch system {
        case .salesforce:
            return Self.pages(records, limits.salesforce.queryPageSize) + (incremental && deleteFeed ? 1 : 0)
        case .hubspot:
            // Every search page after the first starts a new window at the last timestamp
            // read, re-reading that one boundary record.
            let size = limits.hubspot.searchPageLimit
            let search = records <= size ? 1 : 1 + Self.pages(records - size, size - 1)
            let archivedList = incremental ? archived.map { Self.pages($0, limits.hubspot.listPageLimit) } ?? 0 : 0
            return search + archivedList
        case .impartner:
            return Self.pages(records, limits.impartner.takeLimit)
        case .partnerstack:
            return Self.pages(records, limits.partnerStack.pageLimit)
        case .generic:
            // Offset paging with the overlap check: each page after the first re-reads one record.
            let size = limits.generic.pageLimit
            return records <= size ? 1 : 1 + Self.pages(records - size, size - 1)
        case .pipedrive:
            return Self.pages(records, limits.pipedrive.pageLimit)
        case .dataverse:
            // A delta link answers changes and deletes in one read.
            return Self.pages(records, limits.dataverse.maxPageSize)
        case .zoho:
            // Incremental pulls also read the deleted-records feed.
            return Self.pages(records, limits.zoho.perPageLimit) + (incremental ? 1 : 0)
        }
    }

    /// Requests to write `writes` to `system`.
    /// - Parameter replaceCostsRead: updates are a merged PUT (read, then replace).
    func write(_ system: SandboxSystem, _ writes: Writes, replaceCostsRead: Bool = false) -> Int {
        switch system {
        case .salesforce:
            let size = limits.salesforce.collectionLimit
            return Self.batches(writes.creates, size) + Self.batches(writes.updates, size) + Self.batches(writes.deletes, size)
        case .hubspot:
            let size = limits.hubspot.batchLimit
            return Self.batches(writes.creates, size) + Self.batches(writes.updates, size) + Self.batches(writes.deletes, size)
        case .dataverse:
            // One `$batch` carries creates, updates and deletes together.
            return Self.batches(writes.total, limits.dataverse.batchLimit)
        case .zoho:
            let size = limits.zoho.batchLimit
            return Self.batches(writes.creates, size) + Self.batches(writes.updates, size) + Self.batches(writes.deletes, size)
        case .impartner, .partnerstack, .pipedrive:
            return writes.total
        case .generic:
            return writes.creates + writes.updates * (replaceCostsRead ? 2 : 1) + writes.deletes
        }
    }

    /// OAuth token requests the first cycle of a fresh state spends (Salesforce's client
    /// credentials flow; HubSpot private-app and portal keys need none).
    func tokens(_ system: SandboxSystem) -> Int { [.salesforce, .zoho, .dataverse].contains(system) ? 1 : 0 }

    /// Pages needed for `records` at `size` a page; an empty read still costs one.
    static func pages(_ records: Int, _ size: Int) -> Int { max(1, (records + size - 1) / size) }
    static func batches(_ writes: Int, _ size: Int) -> Int { (writes + size - 1) / size }

    /// Within 5% of the minimum, and never below it.
    static func near(_ actual: Int, _ minimum: Int) -> Bool {
        actual >= minimum && Double(actual - minimum) <= 0.05 * Double(minimum)
    }

    struct Writes: Hashable, CustomStringConvertible {
        var creates = 0, updates = 0, deletes = 0
        var total: Int { creates + updates + deletes }
        var description: String { "\(creates) creates, \(updates) updates, \(deletes) deletes" }
    }
}
