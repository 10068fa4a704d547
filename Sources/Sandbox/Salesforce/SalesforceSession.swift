/// The Salesforce stand-in's own state beside the records: sessions, query cursors and
/// the daily API usage.
struct SalesforceSession: Sendable {
    /// A query's result ids, fixed when the query ran (Salesforce query locators are
    /// snapshots); pages read current values of these records.
    struct Cursor: Sendable {
        var object: String
        var ids: [String]
        var fields: [SalesforceField]
        var includeDeleted: Bool
        var pageSize: Int
    }

    var tokens = TokenRegistry()
    var cursors: [String: Cursor] = [:]
    /// Oldest first, for eviction.
    var cursorOrder: [String] = []
    var cursorsIssued: Int64 = 0
    var usage = 0
    var usageDay: Int64 = .min

    /// Counts one API call against today's allocation and returns the count.
    mutating func countUsage(now: Int64) -> Int {
        let day = now / 86_400_000
        if day != usageDay {
            usageDay = day
            usage = 0
        }
        usage += 1
        return usage
    }

    mutating func open(_ cursor: Cursor, limit: Int) -> String {
        cursorsIssued += 1
        let locator = "01g5g0000" + Base62.encode(cursorsIssued, width: 6)
        let id = locator + SalesforceID.checksum(locator)
        cursors[id] = cursor
        cursorOrder.append(id)
        while cursorOrder.count > max(1, limit) {
            cursors[cursorOrder.removeFirst()] = nil
        }
        return id
    }
}
