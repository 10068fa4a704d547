import SyncCore

extension ZohoAPI {
    /// `If-Modified-Since` as epoch ms (whole seconds); a `Refusal` when malformed.
    private func modifiedSince(_ request: HTTPServerRequest) throws(Refusal) -> Int64? {
        guard let text = request.headers["If-Modified-Since"] else { return nil }
        guard let since = SandboxTime.parse(text) else {
            throw Refusal(Self.error(400, "INVALID_DATA", "invalid If-Modified-Since header", details: ["header": .string(text)]))
        }
        return since
    }

    private func perPage(_ request: HTTPServerRequest) throws(Refusal) -> Int {
        guard let perPage = Int(request.queryValue("per_page") ?? String(configuration.perPageLimit)),
              (1...configuration.perPageLimit).contains(perPage) else {
            throw Refusal(Self.error(400, "INVALID_DATA", "invalid data", details: ["param_name": .string("per_page")]))
        }
        return perPage
    }

    /// Zoho compares whole seconds: a record is modified after `since` when its second is.
    static func after(_ stamp: Int64, _ since: Int64?) -> Bool {
        guard let since else { return true }
        return stamp - SandboxTime.floorDivide(stamp, 1000).remainder > since
    }

    /// `GET /crm/v8/{module}?fields&sort_by&sort_order&page&per_page&page_token`.
    func list(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        do {
            let definition = try module(context)
            let perPage = try perPage(request)
            let sortBy = request.queryValue("sort_by") ?? "id"
            let sortOrder = request.queryValue("sort_order") ?? "desc"
            guard ["id", "Created_Time", "Modified_Time"].contains(sortBy), ["asc", "desc"].contains(sortOrder) else {
                return Self.error(400, "INVALID_DATA", "invalid data", details: ["param_name": .string("sort_by")])
            }
            let now = store.clock.now()
            var since = try modifiedSince(request)
            var token: ZohoPageToken?
            var page = 1
            if let text = request.queryValue("page_token") {
                guard let decoded = ZohoPageToken(text), decoded.byModified == (sortBy == "Modified_Time") else {
                    return Self.error(400, "INVALID_DATA", "invalid data", details: ["param_name": .string("page_token")])
                }
                guard now - decoded.issuedAt < configuration.pageTokenLifetimeMilliseconds else {
                    return Self.error(400, "INVALID_DATA", "the page_token has expired", details: ["param_name": .string("page_token")])
                }
                token = decoded
                since = decoded.since
            } else if let text = request.queryValue("page") {
                guard let number = Int(text), number >= 1 else {
                    return Self.error(400, "INVALID_DATA", "invalid data", details: ["param_name": .string("page")])
                }
                page = number
            }
            guard token != nil || page * perPage <= configuration.pageNumberLimit else {
                return Self.error(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                                  "cannot fetch more than \(configuration.pageNumberLimit) records using page; use page_token")
            }
            let descending = sortOrder == "desc"
            let byModified = sortBy == "Modified_Time"
            let matches: (SandboxRecord) -> Bool = { Self.after($0.modifiedAt, since) }
            let (items, more, anyChanged) = store.transaction { state -> ([SandboxRecord], Bool, Bool) in
                guard let table = state.tables[definition.name] else { return ([], false, false) }
                let skip = token == nil ? (page - 1) * perPage : 0
                let result: ([SandboxRecord], Bool)
                if byModified {
                    let key = token.map { ModifiedKey(modifiedAt: $0.stamp, id: $0.id) }
                    result = Self.scan(table, table.liveByModified, after: key, descending: descending, skip: skip,
                                       limit: perPage, matches: matches)
                } else {
                    let key = token.map { SequenceKey(sequence: $0.stamp, id: $0.id) }
                    result = Self.scan(table, table.bySequence, after: key, descending: descending, skip: skip,
                                       limit: perPage, matches: matches)
                }
                state.noteServed(definition.name, newest: result.0.map(\.modifiedAt).max())
                let changed = since.map { floor in table.liveByModified.last.map { Self.after($0.modifiedAt, floor) } ?? false } ?? true
                return (result.0, result.1, changed || !result.0.isEmpty)
            }
            if items.isEmpty {
                return since != nil && !anyChanged ? .empty(304) : .empty(204)
            }
            var info: [String: JSONValue] = [
                "per_page": .int(perPage), "count": .int(items.count), "page": .int(token == nil ? page : 0),
                "sort_by": .string(sortBy), "sort_order": .string(sortOrder), "more_records": .bool(more),
                "previous_page_token": .null, "next_page_token": .null, "page_token_expiry": .null,
            ]
            if more, let last = items.last {
                let next = ZohoPageToken(byModified: byModified, stamp: byModified ? last.modifiedAt : last.sequence,
                                         id: last.id, since: since, issuedAt: now)
                info["next_page_token"] = .string(next.encoded)
                info["page_token_expiry"] = .string(SandboxTime.wholeSeconds(now + configuration.pageTokenLifetimeMilliseconds,
                                                                             zone: "+00:00"))
            }
            return .json(200, .object(["data": .array(items.map(Self.render)), "info": .object(info)]))
        } catch {
            return error.response
        }
    }

    static func scan<Key: RecordIndexKey>(_ table: ObjectTable, _ index: SortedBlocks<Key>, after: Key?, descending: Bool,
                                          skip: Int, limit: Int,
                                          matches: @escaping (SandboxRecord) -> Bool) -> ([SandboxRecord], Bool) {
        var start: SortedBlocks<Key>.Position?
        if let after {
            start = descending ? index.position(before: index.lowerBound(after)) : index.upperBound(after)
        } else {
            start = descending ? index.position(before: index.endPosition) : index.startPosition
        }
        guard let start, start.block < index.blocks.count else { return ([], false) }
        let page = table.scan(index, from: start, descending: descending, skip: skip, limit: limit, includeDeleted: false,
                              where: matches)
        return (page.records, page.hasMore)
    }

    /// `GET /crm/v8/{module}/deleted?type=all|recycle|permanent&page&per_page`, newest
    /// deletion first; `If-Modified-Since` keeps those deleted after it.
    func deleted(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        do {
            let definition = try module(context)
            let perPage = try perPage(request)
            let since = try modifiedSince(request)
            guard ["all", "recycle", "permanent"].contains(request.queryValue("type") ?? "all"),
                  let page = Int(request.queryValue("page") ?? "1"), page >= 1 else {
                return Self.error(400, "INVALID_DATA", "invalid data", details: ["param_name": .string("type")])
            }
            let deleted = store.records(definition.name, includeDeleted: true)
                .filter { $0.isDeleted && Self.after($0.deletedAt ?? 0, since) }
                .sorted { ($0.deletedAt ?? 0, $0.id) > ($1.deletedAt ?? 0, $1.id) }
            let slice = deleted.dropFirst((page - 1) * perPage).prefix(perPage)
            guard !slice.isEmpty else { return .empty(204) }
            let data: [JSONValue] = slice.map { record in
                .object([
                    "id": .string(record.id), "type": .string("recycle"),
                    "display_name": record.fields["Deal_Name"] ?? record.fields["Last_Name"] ?? .null,
                    "deleted_by": .object(["name": .string("Sandbox User"), "id": .string("1")]),
                    "deleted_time": .string(SandboxTime.wholeSeconds(record.deletedAt ?? 0, zone: "+00:00")),
                ])
            }
            let more = deleted.count > page * perPage
            return .json(200, .object(["data": .array(data), "info": .object([
                "per_page": .int(perPage), "count": .int(data.count), "page": .int(page), "more_records": .bool(more),
            ])]))
        } catch {
            return error.response
        }
    }

    /// `GET /crm/v8/{module}/search?criteria=((F:equals:V)or(F:equals:V))`: equality on any
    /// field, up to 10 conditions joined by `or`; `\(`, `\)` and `\,` escape.
    func search(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        do {
            let definition = try module(context)
            let perPage = try perPage(request)
            guard let criteria = request.queryValue("criteria"),
                  let conditions = Self.conditions(criteria), (1...10).contains(conditions.count) else {
                return Self.error(400, "INVALID_QUERY", "invalid query formed", details: ["reason": .string("criteria")])
            }
            let found = store.records(definition.name).filter { record in
                conditions.contains { record.value(at: $0.field)?.displayText == $0.value }
            }
            guard !found.isEmpty else { return .empty(204) }
            return .json(200, .object(["data": .array(found.prefix(perPage).map(Self.render)), "info": .object([
                "per_page": .int(perPage), "count": .int(min(perPage, found.count)), "page": .int(1),
                "more_records": .bool(found.count > perPage),
            ])]))
        } catch {
            return error.response
        }
    }

    static func conditions(_ criteria: String) -> [(field: String, value: String)]? {
        var text = Substring(criteria)
        if text.hasPrefix("(("), text.hasSuffix("))") { text = text.dropFirst().dropLast() }
        guard text.hasPrefix("("), text.hasSuffix(")") else { return nil }
        text = text.dropFirst().dropLast()
        let marker = "\u{1}"
        let unescaped = String(text).replacingOccurrences(of: "\\(", with: marker + "o")
            .replacingOccurrences(of: "\\)", with: marker + "c").replacingOccurrences(of: "\\,", with: marker + "m")
        var out: [(String, String)] = []
        for part in unescaped.components(separatedBy: ")or(") {
            let pieces = part.split(separator: ":", maxSplits: 2).map(String.init)
            guard pieces.count == 3, pieces[1] == "equals" else { return nil }
            let value = pieces[2].replacingOccurrences(of: marker + "o", with: "(")
                .replacingOccurrences(of: marker + "c", with: ")").replacingOccurrences(of: marker + "m", with: ",")
            out.append((pieces[0], value))
        }
        return out
    }
}
