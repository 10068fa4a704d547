import Foundation
import SyncCore

extension HubSpotAPI {
    /// `POST /crm/v3/objects/{type}/search`: live records only, `after` is an offset, and
    /// no offset at or past 10,000 is served (400), however many records match (`total`).
    func search(_ context: RequestContext) -> SandboxResponse {
        let definition: ObjectDefinition
        let search: HubSpotSearch
        do {
            definition = try objectType(context)
            search = try HubSpotSearch.parse(try jsonBody(context.request), pageLimit: configuration.searchPageLimit)
        } catch let refusal as Refusal {
            return refusal.response
        } catch let searchError as HubSpotSearchError {
            return validation(searchError.message)
        } catch {
            return validation("\(error)")
        }
        let cap = configuration.searchResultCap
        guard search.after < cap else {
            return validation("Search results are limited to \(cap) per query; after=\(search.after) is past the last reachable result. Narrow the filter (e.g. by hs_lastmodifieddate) and search again.")
        }
        let limit = min(search.limit, cap - search.after)
        let lag = configuration.searchLagMilliseconds
        let visibleUntil = lag > 0 ? store.clock.now() - lag : nil
        let (records, total) = store.transaction { state -> ([SandboxRecord], Int) in
            guard let table = state.tables[definition.name] else { return ([], 0) }
            let result = Self.run(search, limit: limit, visibleUntil: visibleUntil, in: table)
            state.noteServed(definition.name, newest: result.0.map(\.modifiedAt).max())
            return result
        }
        let properties = requestedProperties(search.properties, definition: definition)
        var body: [String: JSONValue] = [
            "total": .int(total),
            "results": .array(records.map { render($0, properties: properties) }),
        ]
        let served = search.after + records.count
        if served < total, !records.isEmpty {
            body["paging"] = .object(["next": .object(["after": .string(String(served)),
                                                        "link": .string("?after=\(served)")])])
        }
        return .json(200, .object(body))
    }

    /// One page and the total. Sorting by modification time (or none with a time window)
    /// walks the ordered index; with no other filters the offset is found by rank, so a
    /// page costs O(log n + page) whatever the offset.
    static func run(_ search: HubSpotSearch, limit: Int, visibleUntil: Int64? = nil,
                    in table: ObjectTable) -> ([SandboxRecord], Int) {
        var window = search.modifiedWindow()
        if let visibleUntil { window.upper = min(window.upper ?? .max, visibleUntil) }
        let index = table.liveByModified
        let byTime = search.sort.map { $0.property == "hs_lastmodifieddate" || $0.property == "lastmodifieddate" } ?? false
        let lowerPosition = window.lower.map { index.lowerBound(.floor($0)) } ?? index.startPosition
        let upperPosition = window.upper.map { $0 == .max ? index.endPosition : index.lowerBound(.floor($0 + 1)) }
            ?? index.endPosition
        let rest = window.rest.filter { !$0.isEmpty }
        let predicate: ((SandboxRecord) -> Bool)? = rest.isEmpty ? nil : { record in
            rest.contains { group in group.allSatisfy { $0.matches(record) } }
        }
        let descending = search.sort?.descending ?? false
        if byTime, predicate == nil {
            let low = index.rank(of: lowerPosition)
            let high = max(low, index.rank(of: upperPosition))
            let total = high - low
            guard search.after < total else { return ([], total) }
            let count = min(limit, total - search.after)
            if descending {
                var position: SortedBlocks<ModifiedKey>.Position? = index.position(atRank: high - 1 - search.after)
                var out: [SandboxRecord] = []
                while out.count < count, let current = position {
                    if let record = table[index[current].id] { out.append(record) }
                    position = index.position(before: current)
                }
                return (out, total)
            }
            let keys = index.elements(from: index.position(atRank: low + search.after), limit: count)
            return (keys.compactMap { table[$0.id] }, total)
        }
        if byTime {
            let upper = window.upper
            let stop: (ModifiedKey) -> Bool = { key in upper.map { key.modifiedAt > $0 } ?? false }
            let total = table.count(index, from: lowerPosition, stop: stop, includeDeleted: false,
                                    where: predicate ?? { _ in true })
            if descending {
                let start = index.position(before: upperPosition)
                let lower = window.lower
                let page = start.map {
                    table.scan(index, from: $0, descending: true, stop: { key in lower.map { key.modifiedAt < $0 } ?? false },
                               skip: search.after, limit: limit, includeDeleted: false, where: predicate)
                }
                return (page?.records ?? [], total)
            }
            let page = table.scan(index, from: lowerPosition, stop: stop, skip: search.after, limit: limit,
                                  includeDeleted: false, where: predicate)
            return (page.records, total)
        }
        // Any other order: gather the matches in the window, sort, slice.
        let upper = window.upper
        var matches = table.scan(index, from: lowerPosition, stop: { key in upper.map { key.modifiedAt > $0 } ?? false },
                                 limit: .max, includeDeleted: false, where: predicate).records
        let property = search.sort?.property ?? "hs_object_id"
        matches.sort { left, right in
            let order = compare(property, left, right)
            if order == .orderedSame { return left.sequence < right.sequence }
            return descending ? order == .orderedDescending : order == .orderedAscending
        }
        let start = min(search.after, matches.count)
        return (Array(matches[start..<min(matches.count, start + limit)]), matches.count)
    }

    /// Sort order of a property: numbers numerically, text case-insensitively, unset last.
    private static func compare(_ property: String, _ left: SandboxRecord, _ right: SandboxRecord) -> ComparisonResult {
        if property == "hs_object_id" {
            return left.sequence < right.sequence ? .orderedAscending : (left.sequence == right.sequence ? .orderedSame : .orderedDescending)
        }
        let a = HubSpotProperties.comparable(property, of: left)
        let b = HubSpotProperties.comparable(property, of: right)
        switch (a.displayText, b.displayText) {
        case (nil, nil): return .orderedSame
        case (nil, _): return .orderedDescending
        case (_, nil): return .orderedAscending
        case let (x?, y?):
            if let m = Double(x), let n = Double(y) { return m < n ? .orderedAscending : (m == n ? .orderedSame : .orderedDescending) }
            return x.lowercased().compare(y.lowercased())
        }
    }
}
