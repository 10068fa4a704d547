extension Rule {
    /// `propagate.crm` or `propagate.prm`: the side whose change is sent.
    static func propagate(from side: Side) -> Rule { side == .crm ? .propagateCRM : .propagatePRM }
}
