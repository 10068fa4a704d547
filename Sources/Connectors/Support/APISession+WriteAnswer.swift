import SyncHTTP

extension APISession {
    /// Sends a one-record write whose 4xx answers are about the record (see
    /// `WriteAnswer.acceptedStatuses`), returning the answer and the credential values
    /// the request carried, for `WriteAnswer.failure`.
    func answer(_ endpoint: String, _ request: HTTPRequest) throws(ConnectorError) -> (response: HTTPResponse, secrets: [String]) {
        var secrets: [String] = []
        let response = try send(endpoint) { access in
            if let value = access.header?.value {
                // The whole header value and the credential after its scheme word.
                secrets = [value] + value.split(separator: " ", maxSplits: 1).dropFirst().map(String.init).filter { $0.count >= 6 }
            }
            return request
        }
        return (response, secrets)
    }
}
