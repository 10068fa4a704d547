extension Rule {
    /// Rules of the partner-program workflows (registration lifecycle, channel
    /// conflicts), decided on top of the reconciler's plans rather than by it.
    public var isPartnerWorkflow: Bool {
        rawValue.hasPrefix("registration.") || rawValue.hasPrefix("channel_conflict.")
    }
}
