import SyncCore

/// Matches a batch response's `results` and `errors` back to the writes sent.
///
/// HubSpot does not promise result order. A result is matched by its
/// `objectWriteTraceId` (the write's key), else by the `idProperty` value (upserts) or
/// the id (updates), else — creates only — by position among unmatched creates. An error
/// names its inputs in `context` (`ids`, or `objectWriteTraceId`); an error naming none
/// fails every write still unmatched. A write with neither is reported failed and
/// retryable (updates are safe to send again); an upsert with neither may have created
/// its record, so it is `OUTCOME_UNKNOWN`: looked up by external id, never resent blind.
struct HubSpotBatchResult {
    let writes: [RecordWrite]
    let operation: HubSpotConnector.BatchOperation
    let status: Int

    func outcomes(results: [JSONValue], errors: [JSONValue]) -> [WriteOutcome] {
        var resultByKey: [String: WriteOutcome.Result] = [:]
        let byTrace = Dictionary(writes.map { ($0.key, $0.key) }, uniquingKeysWith: { first, _ in first })
        var byExternal: [String: String] = [:]
        var byID: [String: String] = [:]
        for write in writes {
            if let externalId = write.externalId { byExternal[externalId.lowercased()] = byExternal[externalId.lowercased()] ?? write.key }
            if let id = write.id { byID[id] = byID[id] ?? write.key }
        }
        var unmatchedResults: [JSONValue] = []
        for result in results {
            let id = result[key: "id"]?.scalarText ?? ""
            let created: Bool
            switch operation {
            case .upsert: created = result[key: "new"]?.boolValue ?? false
            case .create: created = true
            case .update, .archive: created = false
            }
            var key = result[key: "objectWriteTraceId"]?.stringValue.flatMap { byTrace[$0] }
            if key == nil, case .upsert(let idProperty) = operation,
                let value = result[key: "properties"]?[key: idProperty]?.scalarText {
                key = byExternal[value.lowercased()]
            }
            if key == nil, case .update = operation { key = byID[id] }
            if let key, resultByKey[key] == nil {
                resultByKey[key] = .applied(id: id, created: created)
            } else {
                unmatchedResults.append(result)
            }
        }
        var unnamed: [RemoteFailure] = []
        for error in errors {
            let failure = Self.failure(error, status: status)
            let named = Self.names(in: error).compactMap { name in
                byTrace[name] ?? byExternal[name.lowercased()] ?? byID[name]
            }
            if named.isEmpty {
                unnamed.append(failure)
            }
            for key in named where resultByKey[key] == nil {
                resultByKey[key] = .failed(failure)
            }
        }
        if case .create = operation {
            // Creates without trace ids in the answer: by position among the rest.
            var remaining = unmatchedResults.makeIterator()
            for write in writes where resultByKey[write.key] == nil && unnamed.isEmpty {
                guard let result = remaining.next() else { break }
                resultByKey[write.key] = .applied(id: result[key: "id"]?.scalarText ?? "", created: true)
            }
        }
        return writes.map { write in
            if let result = resultByKey[write.key] { return WriteOutcome(key: write.key, result: result) }
            if let failure = unnamed.first { return WriteOutcome(key: write.key, result: .failed(failure)) }
            // An upsert the answer does not mention may have created the record: it is
            // looked up by its external id before anything is sent again (WriteLoop's rule).
            let unknown: Bool = if case .upsert = operation { true } else { false }
            return WriteOutcome(key: write.key, result: .failed(RemoteFailure(
                status: status, code: unknown ? WriteLoop.outcomeUnknown : "CHANNELSYNC_NO_RESULT",
                message: "HubSpot answered HTTP \(status) without a result or error for this input", retryable: true)))
        }
    }

    /// Every string in the error's `context` arrays (`ids`, `objectWriteTraceId`, …).
    static func names(in error: JSONValue) -> [String] {
        guard case .object(let context)? = error[key: "context"] else { return [] }
        return context.values.flatMap { value -> [String] in
            if let list = value.arrayValue { return list.compactMap(\.scalarText) }
            return value.scalarText.map { [$0] } ?? []
        }
    }

    static func failure(_ error: JSONValue, status: Int) -> RemoteFailure {
        let detail = RemoteErrorDetail.parse(error)
        let category = error[key: "category"]?.stringValue
        let retryable = category == "RATE_LIMITS" || category == "LOCKED"
        return RemoteFailure(status: status, code: category ?? detail?.code, message: detail?.message ?? JSONWriter.string(error),
                             retryable: retryable, raw: JSONWriter.string(error))
    }
}
