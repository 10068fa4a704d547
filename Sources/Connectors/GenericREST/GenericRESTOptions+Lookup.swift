extension GenericRESTOptions {
    /// `GenericRESTConnector.canLookUp`, answerable from the options alone (`config check`):
    /// only by the field the lookup parameter filters — asking `?reference=` for an email
    /// finds nothing, and a create not found is sent again.
    func canLookUp(object: String, field: String) -> Bool {
        let settings = settings(for: object)
        guard settings.lookupParam != nil, let path = ResponsePath(field) else { return false }
        return settings.lookupField == path.description
    }
}
