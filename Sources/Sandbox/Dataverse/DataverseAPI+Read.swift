import Foundation
import SyncCore

extension DataverseAPI {
    /// `GET {set}(key)` retrieves one row; `GET {set}` lists: `$select`, `$filter` (equality
    /// joined by `or`), `$top`, `Prefer: odata.maxpagesize=N` and `odata.track-changes`
    /// (baseline then `@odata.deltaLink`), `$skiptoken` from a next link, `$deltatoken`
    /// from a delta link (changed rows, then deleted ones as `$deletedEntity`).
    func read(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        do {
            let (address, table) = try target(context)
            let select = request.queryValue("$select").map { $0.split(separator: ",").map(String.init) }
            if address.key != .none {
                guard let record = try find(address, table: table) else { return Self.notFound(table, address) }
                var row = Self.render(record, table: table, select: select).asObject ?? [:]
                row["@odata.context"] = .string(Self.serviceRoot(request) + "/$metadata#\(table.entitySet)/$entity")
                return .json(200, .object(row))
            }
            return try list(request, table: table, select: select)
        } catch {
            return error.response
        }
    }

    private func list(_ request: HTTPServerRequest, table: DataverseConfiguration.Table,
                      select: [String]?) throws(Refusal) -> SandboxResponse {
        let prefer = Self.preferences(request)
        var pageSize = configuration.maxPageSize
        if let asked = prefer["odata.maxpagesize"] {
            guard let size = Int(asked), size >= 1 else {
                throw Refusal(Self.error(400, "0x80060888", "odata.maxpagesize must be a positive number."))
            }
            pageSize = min(size, configuration.maxPageSize)
        }
        let skip = try request.queryValue("$skiptoken").map { (text: String) throws(Refusal) -> DataverseSkipToken in
            guard let token = DataverseSkipToken(text) else { throw Refusal(Self.error(400, "0x80060888", "Invalid $skiptoken.")) }
            return token
        }
        let now = store.clock.now()
        let delta = try request.queryValue("$deltatoken").map { (text: String) throws(Refusal) -> DataverseDeltaToken in
            guard let token = DataverseDeltaToken(text) else {
                throw Refusal(Self.error(400, "0x80044352", "The delta token '\(text)' is not valid."))
            }
            return token
        }
        let tracked = skip?.tracked ?? (delta != nil || prefer["odata.track-changes"] != nil)
        let filter = request.queryValue("$filter")
        if tracked, filter != nil || request.queryValue("$orderby") != nil {
            throw Refusal(Self.error(400, "0x80060888", "$filter and $orderby cannot be used with change tracking."))
        }
        let conditions = try filter.map { (text: String) throws(Refusal) -> [(String, String)] in
            guard let parsed = Self.conditions(text) else {
                throw Refusal(Self.error(400, "0x80060888", "The stand-in understands only \"field eq 'value'\" joined by 'or'."))
            }
            return parsed
        }
        let top = request.queryValue("$top").flatMap(Int.init)
        let definition = table.definition.name
        let deltaLog = configuration.deltaTokenLifetimeMilliseconds
        let outcome = store.transaction { (state: inout StoreState) -> Result<ListPage, Refusal> in
            guard let data = state.tables[definition] else { return .success(ListPage()) }
            let snapshot = skip?.snapshot ?? (state.lastStamp == .min ? now : state.lastStamp)
            let deltaFrom = skip?.deltaFrom ?? delta?.position
            if let delta, now - delta.issuedAt > deltaLog || delta.position < data.deleteLogStart {
                return .failure(Refusal(Self.error(410, "0x80044352",
                    "The delta token has expired or predates the change log: retrieve the table again to start a new baseline.")))
            }
            let limit = min(pageSize, top ?? .max)
            var rows: [SandboxRecord]
            var next: (stamp: Int64, id: String)?
            if let deltaFrom {
                // After the last row served, or after every change at the token's position.
                let start = skip.map { data.byModified.upperBound(ModifiedKey(modifiedAt: $0.stamp, id: $0.id)) }
                    ?? data.byModified.lowerBound(ModifiedKey(modifiedAt: deltaFrom + 1, id: ""))
                let scan = data.scan(data.byModified, from: start, limit: limit, includeDeleted: true)
                rows = scan.records
                if scan.next != nil, let last = rows.last { next = (last.modifiedAt, last.id) }
            } else {
                let after = skip.map { SequenceKey(sequence: $0.stamp, id: $0.id) }
                let scan = data.scan(data.bySequence, from: after.map(data.bySequence.upperBound) ?? data.bySequence.startPosition,
                                     limit: limit, includeDeleted: false) { record in
                    conditions.map { $0.contains { record.value(at: $0.0)?.displayText == $0.1 } } ?? true
                }
                rows = scan.records
                if scan.next != nil, top == nil, let last = rows.last { next = (last.sequence, last.id) }
            }
            state.noteServed(definition, newest: rows.map(\.modifiedAt).max())
            let token = next.map { DataverseSkipToken(tracked: tracked, deltaFrom: deltaFrom, snapshot: snapshot,
                                                       stamp: $0.stamp, id: $0.id) }
            return .success(ListPage(rows: rows, next: token, snapshot: snapshot))
        }
        let page: ListPage
        switch outcome {
        case let .success(value): page = value
        case let .failure(refusal): throw refusal
        }
        return answer(page, request: request, table: table, select: select, tracked: tracked, pageSize: pageSize,
                      askedSize: prefer["odata.maxpagesize"] != nil, filter: filter)
    }

    struct ListPage: Sendable {
        var rows: [SandboxRecord] = []
        var next: DataverseSkipToken?
        var snapshot: Int64 = 0
    }

    private func answer(_ page: ListPage, request: HTTPServerRequest, table: DataverseConfiguration.Table, select: [String]?,
                        tracked: Bool, pageSize: Int, askedSize: Bool, filter: String?) -> SandboxResponse {
        let root = Self.serviceRoot(request)
        let columns = select.map { "(" + $0.joined(separator: ",") + ")" } ?? ""
        var body: [String: JSONValue] = [
            "@odata.context": .string(root + "/$metadata#" + table.entitySet + columns + (tracked ? "/$delta" : "")),
        ]
        body["value"] = .array(page.rows.map { record in
            guard record.isDeleted else { return Self.render(record, table: table, select: select) }
            return .object(["@odata.context": .string(root + "/$metadata#" + table.entitySet + "/$deletedEntity"),
                            "id": .string(record.id), "reason": .string("deleted")])
        })
        var query: [(String, String)] = []
        if let select { query.append(("$select", select.joined(separator: ","))) }
        if let filter { query.append(("$filter", filter)) }
        if let next = page.next {
            body["@odata.nextLink"] = .string(Self.link(root, table.entitySet, query + [("$skiptoken", next.encoded)]))
        } else if tracked {
            let token = DataverseDeltaToken(position: page.snapshot, issuedAt: store.clock.now())
            body["@odata.deltaLink"] = .string(Self.link(root, table.entitySet, query + [("$deltatoken", token.encoded)]))
        }
        var applied: [String] = []
        if tracked { applied.append("odata.track-changes") }
        if askedSize { applied.append("odata.maxpagesize=\(pageSize)") }
        let headers = applied.isEmpty ? [] : [(name: "Preference-Applied", value: applied.joined(separator: ","))]
        return .json(200, .object(body), headers: headers)
    }

    static func link(_ root: String, _ entitySet: String, _ query: [(String, String)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+!'")
        let encoded = query.map { $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1) }
        return root + "/" + entitySet + "?" + encoded.joined(separator: "&")
    }

    /// `Prefer` preferences by name (`odata.maxpagesize` → `"500"`, flags → `""`).
    static func preferences(_ request: HTTPServerRequest) -> [String: String] {
        var out: [String: String] = [:]
        for header in request.headers.values(for: "Prefer") {
            for item in header.split(separator: ",") {
                let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let name = pair.first, !name.isEmpty else { continue }
                out[name.lowercased()] = pair.count > 1 ? pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : ""
            }
        }
        return out
    }

    /// `a eq 'x' or b eq 'y'` → [(a, x), (b, y)]; quotes inside values are doubled.
    static func conditions(_ filter: String) -> [(String, String)]? {
        var out: [(String, String)] = []
        for clause in filter.components(separatedBy: " or ") {
            let words = clause.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 2).map(String.init)
            guard words.count == 3, words[1] == "eq" else { return nil }
            var value = Substring(words[2])
            if value.hasPrefix("'") {
                guard value.count >= 2, value.hasSuffix("'") else { return nil }
                value = value.dropFirst().dropLast()
            }
            out.append((words[0], value.replacingOccurrences(of: "''", with: "'")))
        }
        return out
    }

    /// The live row an address names, or nil.
    func find(_ address: DataverseAddress, table: DataverseConfiguration.Table) throws(Refusal) -> SandboxRecord? {
        switch address.key {
        case .none: return nil
        case let .id(id): return store.record(table.entitySet, id: id).flatMap { $0.isDeleted ? nil : $0 }
        case let .alternate(field, value):
            guard table.alternateKeys.contains(field) else {
                throw Refusal(Self.error(400, "0x80060888", "'\(field)' is not an alternate key of \(table.entitySet)."))
            }
            return store.record(table.entitySet, uniqueField: field, value: .string(value))
        }
    }

    static func notFound(_ table: DataverseConfiguration.Table, _ address: DataverseAddress) -> SandboxResponse {
        let key: String
        switch address.key {
        case .none: key = ""
        case let .id(id): key = id
        case let .alternate(field, value): key = "\(field)='\(value)'"
        }
        return error(404, "0x80040217", "\(table.entitySet) With Id = \(key) Does Not Exist")
    }
}
