import SyncCore
import SyncHTTP

extension GenericRESTSettings {
    /// The keys one object's settings take (at the top of `options` and in `objects.<name>`).
    static let keys = ["list", "paging", "record", "detail", "create", "update", "delete", "lookup", "errors"]

    /// The settings, or nil when a problem was reported to `reader`.
    static func read(_ reader: OptionReader) -> GenericRESTSettings? {
        let before = reader.found.count
        let list = readList(reader.object("list", required: true))
        let paging = readPaging(reader.object("paging", required: true))
        let record = readRecord(reader.object("record"))
        let detail = readDetail(reader.object("detail"), list: list?.path)
        let create = readCreate(reader.object("create"), list: list?.path)
        let update = readUpdate(reader.object("update"), detail: detail?.path, createEnvelope: create?.envelope,
                                record: record)
        let delete = readDelete(reader.object("delete"), detail: detail?.path)
        let lookup = reader.object("lookup")
        lookup?.allowOnly(["param", "field"])
        let lookupParam = lookup?.parameterName("param", required: lookup?.has("field") == true)
        // The record field the parameter filters: by default the one named like it.
        let lookupField = lookup?.responsePath("field")?.description ?? lookupParam
        let errors = reader.object("errors")
        errors?.allowOnly(["code"])
        let errorCode = errors?.responsePath("code")
        guard reader.found.count == before, let list, let paging, let record, let detail, let create, let update,
            let delete
        else { return nil }
        return GenericRESTSettings(list: list, paging: paging, record: record, detail: detail, create: create,
                                   update: update, delete: delete.enabled ? delete.path : nil, lookupParam: lookupParam,
                                   lookupField: lookupField, errorCode: errorCode)
    }

    private static func template(_ reader: OptionReader, _ key: String, default fallback: PathTemplate?,
                                 needsID: Bool) -> PathTemplate? {
        guard let text = reader.string(key) else {
            if reader.has(key) { return nil }
            return fallback
        }
        switch PathTemplate.parse(text) {
        case .failure(let problem):
            reader.report(key, problem.reason)
            return nil
        case .success(let template):
            if needsID, !template.usesID {
                reader.report(key, "must contain {id}, where the record's id goes")
                return nil
            }
            if !needsID, template.usesID {
                reader.report(key, "must not contain {id}: this endpoint is not about one record")
                return nil
            }
            return template
        }
    }

    private static func readList(_ reader: OptionReader?) -> List? {
        guard let reader else { return nil }
        reader.allowOnly(["path", "query", "records", "fieldsParam"])
        let path = template(reader, "path", default: PathTemplate(text: "/{object}"), needsID: false)
        var query: [Parameter] = []
        if let constant = reader.object("query") {
            for name in constant.members.keys.sorted() {
                guard let value = constant.members[name], let text = value.scalarText else {
                    constant.report(name, "must be a string, number or boolean")
                    continue
                }
                query.append(Parameter(name: name, value: text))
            }
        }
        var records: [ResponsePath] = []
        for (index, text) in (reader.strings("records", required: true) ?? []).enumerated() {
            guard let path = ResponsePath(text) else {
                reader.add("\(reader.keyPath("records"))[\(index)]: '\(text)' is not a path: use dotted keys like 'data.items' (\"\" for the whole body)")
                continue
            }
            records.append(path)
        }
        let fieldsParam = reader.parameterName("fieldsParam")
        guard let path, !records.isEmpty else { return nil }
        return List(path: path, query: query, records: records, fieldsParam: fieldsParam)
    }

    private static func readPaging(_ reader: OptionReader?) -> GenericRESTPaging? {
        guard let reader else { return nil }
        let all = ["style", "pageSize", "limitParam", "offsetParam", "pageParam", "firstPage", "cursorParam", "next",
                   "total", "hasMore", "overlapCheck"]
        reader.allowOnly(all)
        guard let style = reader.choice("style", among: GenericRESTPaging.styles, required: true) else { return nil }
        let used: [String] = switch style {
        case "offset": ["style", "pageSize", "limitParam", "offsetParam", "next", "total", "overlapCheck"]
        case "page": ["style", "pageSize", "limitParam", "pageParam", "firstPage", "next", "total"]
        case "cursor": ["style", "pageSize", "limitParam", "cursorParam", "next", "hasMore"]
        case "nextLink": ["style", "pageSize", "limitParam", "next"]
        case "linkHeader": ["style", "pageSize", "limitParam"]
        default: ["style"]
        }
        for key in all where !used.contains(key) && reader.has(key) {
            reader.report(key, "is not used with style '\(style)'")
        }
        let before = reader.found.count
        let size = reader.integer("pageSize", in: 1...10_000) ?? 100
        // "" sends no limit: the API's own page size applies (then `pageSize` must match it).
        func limit(_ fallback: String) -> String? {
            if reader.string("limitParam") == "" { return nil }
            return reader.parameterName("limitParam") ?? fallback
        }
        let next = reader.responsePath("next", required: style == "cursor" || style == "nextLink")
        let paging: GenericRESTPaging? = switch style {
        case "offset":
            .offset(offsetParam: reader.parameterName("offsetParam") ?? "offset", limitParam: limit("limit"),
                    pageSize: size, next: next, total: reader.responsePath("total"),
                    overlapCheck: reader.bool("overlapCheck") ?? false)
        case "page":
            .page(pageParam: reader.parameterName("pageParam") ?? "page", sizeParam: limit("per_page"), pageSize: size,
                  firstPage: reader.integer("firstPage", in: 0...1) ?? 1, next: next, total: reader.responsePath("total"))
        case "cursor":
            next.map {
                .cursor(cursorParam: reader.parameterName("cursorParam") ?? "cursor", limitParam: limit("limit"),
                        pageSize: size, next: $0, hasMore: reader.responsePath("hasMore"))
            }
        case "nextLink":
            next.map { .nextLink(limitParam: limit("limit"), pageSize: size, next: $0) }
        case "linkHeader":
            .linkHeader(limitParam: limit("limit"), pageSize: size)
        default:
            GenericRESTPaging.none
        }
        return reader.found.count == before ? paging : nil
    }

    private static func readRecord(_ reader: OptionReader?) -> RecordShape? {
        guard let reader else { return RecordShape(id: idPath, modified: nil, modifiedFormat: nil) }
        reader.allowOnly(["id", "modified", "modifiedFormat"])
        let before = reader.found.count
        let id = reader.responsePath("id") ?? idPath
        if id.isRoot { reader.report("id", "must name a field of the record") }
        let modified = reader.responsePath("modified")
        let format = reader.choice("modifiedFormat", among: TimeFormat.allCases.map(\.rawValue)).flatMap(TimeFormat.init)
        if format != nil, modified == nil { reader.report("modifiedFormat", "needs 'modified', the field it describes") }
        guard reader.found.count == before else { return nil }
        return RecordShape(id: id, modified: modified, modifiedFormat: format)
    }

    private static let idPath = ResponsePath("id") ?? .root

    private static func readDetail(_ reader: OptionReader?, list: PathTemplate?) -> Detail? {
        let fallback = list.map { PathTemplate(text: ($0.text.hasSuffix("/") ? String($0.text.dropLast()) : $0.text) + "/{id}") }
        guard let reader else { return fallback.map { Detail(path: $0, envelope: .root) } }
        reader.allowOnly(["path", "envelope"])
        let path = template(reader, "path", default: fallback, needsID: true)
        let envelope = reader.responsePath("envelope") ?? .root
        return path.map { Detail(path: $0, envelope: envelope) }
    }

    private static func method(_ reader: OptionReader, among choices: [HTTPMethod], default fallback: HTTPMethod) -> HTTPMethod? {
        guard reader.has("method") else { return fallback }
        return reader.choice("method", among: choices.map(\.rawValue)).flatMap(HTTPMethod.init(rawValue:))
    }

    private static func readCreate(_ reader: OptionReader?, list: PathTemplate?) -> Create? {
        guard let reader else { return list.map { Create(method: .post, path: $0, envelope: .root, idPath: nil) } }
        reader.allowOnly(["method", "path", "envelope", "idPath"])
        let method = method(reader, among: [.post, .put], default: .post)
        let path = template(reader, "path", default: list, needsID: false)
        let envelope = reader.responsePath("envelope") ?? .root
        let idPath = reader.responsePath("idPath")
        guard let method, let path else { return nil }
        return Create(method: method, path: path, envelope: envelope, idPath: idPath)
    }

    private static func readUpdate(_ reader: OptionReader?, detail: PathTemplate?, createEnvelope: ResponsePath?,
                                   record: RecordShape?) -> Update? {
        // Top-level id and time fields only: a nested path's parent object is data.
        let readOnlyDefault = [record?.id, record?.modified].compactMap { $0?.components.count == 1 ? $0?.description : nil }
        guard let reader else {
            return detail.map { Update(method: .patch, path: $0, envelope: createEnvelope ?? .root, merge: false,
                                       readOnly: readOnlyDefault) }
        }
        reader.allowOnly(["method", "path", "envelope", "merge", "readOnly"])
        let method = method(reader, among: [.patch, .put, .post], default: .patch)
        let path = template(reader, "path", default: detail, needsID: true)
        let envelope = reader.responsePath("envelope") ?? createEnvelope ?? .root
        let merge = reader.bool("merge")
        if merge == true, method != .put { reader.report("merge", "applies to method PUT only (a PATCH sends just the changes)") }
        let readOnly = reader.strings("readOnly") ?? readOnlyDefault
        guard let method, let path else { return nil }
        return Update(method: method, path: path, envelope: envelope, merge: merge ?? (method == .put), readOnly: readOnly)
    }

    private static func readDelete(_ reader: OptionReader?, detail: PathTemplate?) -> (path: PathTemplate, enabled: Bool)? {
        guard let reader else { return detail.map { ($0, true) } }
        reader.allowOnly(["path", "enabled"])
        let enabled = reader.bool("enabled") ?? true
        let path = template(reader, "path", default: detail, needsID: true)
        return path.map { ($0, enabled) }
    }
}
