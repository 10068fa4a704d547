extension GenericRESTOptions {
    /// `GenericRESTConnector.canLookUp`, answerable from the options alone (`config check`).
    func canLookUp(object: String, field: String) -> Bool {
        settings(for: object).lookupParam != nil && ResponsePath(field) != nil
    }
}
