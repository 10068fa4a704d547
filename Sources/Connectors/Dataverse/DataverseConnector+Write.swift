import Foundation
import SyncCore
import SyncHTTP

extension DataverseConnector {
    /// Sends the writes as `$batch` requests of ≤ `batchSize` parts, continuing past a
    /// failed part; each part's answer is its write's outcome.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        let set = try entitySet(batch.object)
        if let field = batch.externalIdField, !OptionReader.isIdentifier(field) {
            throw ConnectorError.invalidRequest(remote: remoteName, reason: "'\(field)' is not a Dataverse alternate key column")
        }
        let calls = batch.writes.chunked(options.batchSize).map { WriteLoop.Call(operation: set, writes: $0) }
        return try WriteLoop.run(calls) { call throws(ConnectorError) in
            try send(Array(call.writes), set: call.operation, externalIdField: batch.externalIdField)
        }
    }

    private func send(_ writes: [RecordWrite], set: String, externalIdField: String?) throws(ConnectorError) -> [WriteOutcome] {
        let key = options.primaryKey(of: set)
        var batch = DataverseBatch()
        for write in writes { batch.append(try part(write, set: set, key: key, externalIdField: externalIdField)) }
        let endpoint = "POST \(set) $batch"
        let body = batch.body
        let response = try session.send(endpoint) { _ throws(ConnectorError) in
            var request = HTTPRequest(.post, serviceRoot + "/$batch", headers: Self.odataHeaders, body: Data(body.utf8))
            request.headers["Content-Type"] = "multipart/mixed; boundary=" + batch.boundary
            request.headers["Prefer"] = "odata.continue-on-error"
            // A plain create (no alternate key) would make a second record if repeated.
            request.idempotent = !writes.contains { $0.operation == .create && (externalIdField == nil || $0.externalId == nil) }
            return request
        }
        guard let answers = DataverseBatch.answers(response) else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "the $batch answer is not multipart/mixed")
        }
        return writes.enumerated().map { index, write in
            guard index < answers.count else {
                return WriteOutcome(key: write.key, result: .failed(RemoteFailure(
                    status: nil, code: "NOT_EXECUTED", message: "the batch stopped before this request", retryable: true)))
            }
            return WriteOutcome(key: write.key, result: outcome(answers[index], write: write, key: key))
        }
    }

    /// One write as a batch request: upsert by alternate key, update by id (never
    /// creating), delete by id, or a plain create.
    private func part(_ write: RecordWrite, set: String, key: String,
                      externalIdField: String?) throws(ConnectorError) -> EmbeddedHTTPMessage {
        var fields = write.fields.objectValue ?? [:]
        fields[key] = nil
        let path = options.apiPath + "/" + set
        var headers = [EmbeddedHTTPMessage.Header("Content-Type", "application/json")]
        switch write.operation {
        case .create:
            let representation = EmbeddedHTTPMessage.Header("Prefer", "return=representation")
            if let field = externalIdField, let value = write.externalId {
                fields[field] = nil
                return EmbeddedHTTPMessage(startLine: "PATCH \(path)(\(field)=\(Self.literal(value)))?$select=\(key) HTTP/1.1",
                                           headers: headers + [representation], body: JSONWriter.string(.object(fields)))
            }
            return EmbeddedHTTPMessage(startLine: "POST \(path)?$select=\(key) HTTP/1.1", headers: headers + [representation],
                                       body: JSONWriter.string(.object(fields)))
        case .update:
            headers.append(EmbeddedHTTPMessage.Header("If-Match", "*"))
            return EmbeddedHTTPMessage(startLine: "PATCH \(path)(\(try guid(write))) HTTP/1.1", headers: headers,
                                       body: JSONWriter.string(.object(fields)))
        case .delete:
            return EmbeddedHTTPMessage(startLine: "DELETE \(path)(\(try guid(write))) HTTP/1.1", headers: [])
        }
    }

    /// One part's answer: 200/201 with the row (`201` = created), 204, or an error.
    private func outcome(_ answer: EmbeddedHTTPMessage, write: RecordWrite, key: String) -> WriteOutcome.Result {
        let status = answer.status ?? 0
        let json = try? JSONParser().parse(Data(answer.body.utf8))
        if (200...299).contains(status) {
            let id = json?[key: key]?.scalarText ?? answer.header("OData-EntityId").flatMap(Self.idInEntityURL) ?? write.id
            if let id { return .applied(id: id, created: status == 201) }
        }
        // Deleting a row that is already gone leaves the wanted state.
        if write.operation == .delete, status == 404, let id = write.id { return .applied(id: id, created: false) }
        let detail = json.flatMap(RemoteErrorDetail.parse)
        let code = detail?.code
        return .failed(RemoteFailure(status: status, code: code, message: detail?.message ?? "HTTP \(status)",
                                     retryable: status == 429 || status >= 500 || Self.serviceProtectionCodes.contains(code ?? ""),
                                     raw: detail?.raw))
    }

    /// Service-protection limits (requests, execution time, concurrency).
    static let serviceProtectionCodes: Set<String> = ["0x80072322", "0x80072321", "0x80072326"]

    /// `…/opportunities(6f9…)` → `6f9…`.
    static func idInEntityURL(_ url: String) -> String? {
        guard url.hasSuffix(")"), let open = url.lastIndex(of: "(") else { return nil }
        let id = url[url.index(after: open)..<url.index(before: url.endIndex)]
        return id.isEmpty || id.contains("=") ? nil : String(id)
    }

    /// A key value as a quoted OData literal, percent-encoded for the path.
    static func literal(_ value: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%()")
        let quoted = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        return quoted.addingPercentEncoding(withAllowedCharacters: allowed) ?? quoted
    }

    /// The write's record id, which must be a GUID.
    private func guid(_ write: RecordWrite) throws(ConnectorError) -> String {
        guard let id = write.id, id.count == 36, id.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0.isHexDigit }) else {
            throw .invalidRequest(remote: remoteName, reason: "the \(write.operation.rawValue) \(write.key) has no Dataverse id (a GUID)")
        }
        return id
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
