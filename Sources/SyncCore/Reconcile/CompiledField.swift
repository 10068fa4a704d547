/// One field's sync rules, resolved once per mapping for the reconciler's loop.
struct CompiledField: Sendable {
    let name: String
    let direction: Direction
    let policy: ConflictPolicy
    let preferNonEmpty: Bool
    /// Whether the field has a path on the CRM / PRM record (can be written there).
    let onCRM: Bool
    let onPRM: Bool

    init(_ field: FieldMapping) {
        name = field.name
        direction = field.direction
        policy = field.policy
        preferNonEmpty = field.preferNonEmpty
        onCRM = field.crmPath != nil
        onPRM = field.prmPath != nil
    }

    func writable(_ side: Side) -> Bool { side == .crm ? onCRM : onPRM }

    /// Whether a value held on `side` may be written to the other side after create.
    func flows(from side: Side) -> Bool {
        switch direction {
        case .both: true
        case .toPRM: side == .crm
        case .toCRM: side == .prm
        case .createOnly: false
        }
    }

    /// The side that owns a one-way field, nil for two-way and `createOnly`.
    var owner: Side? {
        switch direction {
        case .toPRM: .crm
        case .toCRM: .prm
        case .both, .createOnly: nil
        }
    }
}
