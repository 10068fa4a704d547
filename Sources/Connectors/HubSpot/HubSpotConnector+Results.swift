import SyncCore

extension HubSpotConnector {
    /// The `results` array of a HubSpot answer. Every search, list and batch answer has
    /// one (a 207 may carry only `errors`); an answer without it is not read as "nothing
    /// there" — that would let a pull skip records or a lookup call a create missing
    /// and send it again.
    func results(_ body: [String: JSONValue], endpoint: String, errorsOnlyAllowed: Bool = false) throws(ConnectorError)
        -> [JSONValue] {
        if let results = body["results"]?.arrayValue { return results }
        if errorsOnlyAllowed, body["errors"]?.arrayValue != nil { return [] }
        throw ConnectorError.malformedResponse(remote: remote, endpoint: endpoint, reason: "the answer has no 'results' array")
    }
}
