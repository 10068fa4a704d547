import SyncCore

/// The delete log and single-record reads.
extension SalesforceAPI {
    /// `GET …/sobjects/{T}/deleted/?start=&end=`: records deleted in the window.
    ///
    /// As on Salesforce: seconds are ignored (both ends are cut to the minute), the window
    /// must span at least a minute and start within the last 30 days, and
    /// `earliestDateAvailable` says how far back the (purgeable) delete log reaches.
    func deleted(_ context: RequestContext) -> SandboxResponse {
        guard Self.isVersion(context.parameter("version")),
              let definition = store.definition(of: context.parameter("object")) else { return SalesforceError.notFound }
        let request = context.request
        guard let startText = request.queryValue("start"), let endText = request.queryValue("end") else {
            return SalesforceError.response(400, "MISSING_ARGUMENT", "The 'start' and 'end' parameters are required.")
        }
        guard let startTime = SandboxTime.parse(startText) else {
            return SalesforceError.response(400, "INVALID_REPLICATION_DATE", "Invalid date-time for start: \(startText)")
        }
        guard let endTime = SandboxTime.parse(endText) else {
            return SalesforceError.response(400, "INVALID_REPLICATION_DATE", "Invalid date-time for end: \(endText)")
        }
        let now = store.clock.now()
        let start = Self.minute(startTime)
        let end = Self.minute(endTime)
        guard end >= start + 60_000 else {
            return SalesforceError.response(400, "INVALID_REPLICATION_DATE",
                                            "startDate must chronologically precede endDate by more than one minute")
        }
        guard start >= now - 30 * 86_400_000 else {
            return SalesforceError.response(400, "INVALID_REPLICATION_DATE", "startDate cannot be more than 30 days ago")
        }
        let latest = min(end, Self.minute(now))
        let result = store.transaction { state -> (deleted: [SandboxRecord], earliest: Int64) in
            guard let table = state.tables[definition.name] else { return ([], now) }
            // Deletion bumps the modification time to the deletion time, so the window is an
            // index range.
            let index = table.byModified
            let page = table.scan(index, from: index.lowerBound(.floor(start)), stop: { $0.modifiedAt >= latest },
                                  limit: .max, includeDeleted: true,
                                  where: { ($0.deletedAt ?? .min) >= start && ($0.deletedAt ?? .max) < latest })
            return (page.records, table.deleteLogStart)
        }
        return .json(200, .object([
            "deletedRecords": .array(result.deleted.map { record in
                .object(["id": .string(record.id),
                         "deletedDate": .string(SandboxTime.salesforce(record.deletedAt ?? record.modifiedAt))])
            }),
            "earliestDateAvailable": .string(SandboxTime.salesforce(Self.minute(result.earliest))),
            "latestDateCovered": .string(SandboxTime.salesforce(latest)),
        ]))
    }

    /// `GET …/sobjects/{T}/{id}[?fields=a,b]`: one live record, every field unless listed.
    func retrieve(_ context: RequestContext) -> SandboxResponse {
        let version = context.parameter("version")
        guard Self.isVersion(version), let definition = store.definition(of: context.parameter("object")) else {
            return SalesforceError.notFound
        }
        let id = context.parameter("id")
        guard let record = store.transaction({ state -> SandboxRecord? in
            guard let found = state.tables[definition.name]?[id], !found.isDeleted else { return nil }
            state.noteServed(definition.name, newest: found.modifiedAt)
            return found
        }) else {
            return SalesforceError.notFound
        }
        var fields: [SalesforceField] = [.id, .isDeleted, .createdDate, .lastModifiedDate, .systemModstamp]
        if let list = context.request.queryValue("fields") {
            fields = [.id]
            for name in list.split(separator: ",") {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let field = SalesforceField.resolve(trimmed, in: definition) else {
                    return SalesforceError.response(400, "INVALID_FIELD",
                                                    "No such column '\(trimmed)' on entity '\(definition.name)'.")
                }
                fields.append(field)
            }
        } else {
            let names = definition.schema ?? record.fields.keys.sorted()
            fields += names.map { SalesforceField.stored($0) }
        }
        return .json(200, render(record, object: definition.name, fields: fields, version: version))
    }

    static func minute(_ time: Int64) -> Int64 {
        SandboxTime.floorDivide(time, 60_000).quotient * 60_000
    }
}
