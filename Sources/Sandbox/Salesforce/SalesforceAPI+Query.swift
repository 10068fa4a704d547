import SyncCore

extension SalesforceAPI {
    /// `GET …/query?q=` and `…/queryAll?q=`: runs the query, answers the first page and,
    /// when there is more, a `nextRecordsUrl` holding a query locator.
    func query(_ context: RequestContext, all includeDeleted: Bool) -> SandboxResponse {
        let version = context.parameter("version")
        guard Self.isVersion(version) else { return SalesforceError.notFound }
        guard let text = context.request.queryValue("q"), !text.isEmpty else {
            return SalesforceError.response(400, "MALFORMED_QUERY", "A query string must be provided.")
        }
        let parsed: SOQLQuery
        do {
            parsed = try SOQLParser.parse(text)
        } catch {
            return SalesforceError.query("MALFORMED_QUERY", query: text, column: error.column, message: error.message)
        }
        guard let definition = store.definition(of: parsed.object) else {
            return SalesforceError.query("INVALID_TYPE", query: text, column: text.utf8.count, message:
                "sObject type '\(parsed.object)' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.")
        }
        let plan: SalesforceQueryPlan
        switch SalesforceQueryPlan.make(parsed, text: text, definition: definition) {
        case let .success(made): plan = made
        case let .failure(.invalidField(field, object)):
            return SalesforceError.query("INVALID_FIELD", query: text, column: field.column, message:
                "No such column '\(field.name)' on entity '\(object)'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.")
        case let .failure(.unsupportedOrder(field)):
            return SalesforceError.query("MALFORMED_QUERY", query: text, column: field.column, message:
                "the sandbox orders only by SystemModstamp (or LastModifiedDate), then Id, or by Id alone, ascending")
        }
        let pageSize = self.pageSize(for: context.request)
        let ids = store.transaction { state in
            state.tables[plan.object].map { plan.matchingIDs(in: $0, includeDeleted: includeDeleted) } ?? []
        }
        var locator: String?
        if ids.count > pageSize {
            let cursor = SalesforceSession.Cursor(object: plan.object, ids: ids, fields: plan.fields,
                                                  includeDeleted: includeDeleted, pageSize: pageSize)
            locator = session.withLock { $0.open(cursor, limit: configuration.openCursorLimit) }
        }
        return page(ids: ids, offset: 0, pageSize: pageSize, locator: locator, object: plan.object,
                    fields: plan.fields, includeDeleted: includeDeleted, version: version)
    }

    /// `GET …/query/{locator}-{offset}`: the next page of an earlier query.
    func queryMore(_ context: RequestContext) -> SandboxResponse {
        let version = context.parameter("version")
        let text = context.parameter("locator")
        guard Self.isVersion(version) else { return SalesforceError.notFound }
        let parts = text.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let offset = Int(parts[1]), offset >= 0,
              let cursor = session.withLock({ $0.cursors[parts[0]] }), offset <= cursor.ids.count else {
            return SalesforceError.response(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
        }
        return page(ids: cursor.ids, offset: offset, pageSize: cursor.pageSize, locator: parts[0],
                    object: cursor.object, fields: cursor.fields, includeDeleted: cursor.includeDeleted,
                    version: version)
    }

    private func page(ids: [String], offset: Int, pageSize: Int, locator: String?, object: String,
                      fields: [SalesforceField], includeDeleted: Bool, version: String) -> SandboxResponse {
        let end = min(ids.count, offset + pageSize)
        let slice = ids[offset..<end]
        let records = store.transaction { state -> [SandboxRecord] in
            guard let table = state.tables[object] else { return [] }
            let found = slice.compactMap { table[$0] }.filter { includeDeleted || !$0.isDeleted }
            state.noteServed(object, newest: found.map(\.modifiedAt).max())
            return found
        }
        var body: [String: JSONValue] = [
            "totalSize": .int(ids.count),
            "done": .bool(end >= ids.count),
            "records": .array(records.map { render($0, object: object, fields: fields, version: version) }),
        ]
        if end < ids.count, let locator {
            body["nextRecordsUrl"] = .string("/services/data/\(version)/query/\(locator)-\(end)")
        }
        return .json(200, .object(body))
    }

    /// `Sforce-Query-Options: batchSize=N` lowers the page size (200 to 2,000).
    private func pageSize(for request: HTTPServerRequest) -> Int {
        var size = configuration.queryPageSize
        if let options = request.headers["Sforce-Query-Options"] {
            for option in options.split(separator: ",") {
                let pair = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "batchsize", let value = Int(pair[1]) {
                    size = min(size, max(200, min(2000, value)))
                }
            }
        }
        return max(1, size)
    }
}
