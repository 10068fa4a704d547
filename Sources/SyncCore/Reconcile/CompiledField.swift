/// One field's sync rules, resolved once per mapping for the reconciler's loop.
struct CompiledField: Sendable {
    let name: String
    let direction: Direction
    let policy: ConflictPolicy
    let preferNonEmpty: Bool
    /// Whether the field has a path on the CRM / PRM record (can be written there).
    let onCRM: Bool
    let onPRM: Bool
    /// What a side reads when its record lacks the field: `.null`, or the read
    /// transforms' default (`{default: "pending"}`), which a new record shows at once.
    let unsetOnCRM: Value
    let unsetOnPRM: Value

    init(_ field: FieldMapping) {
        name = field.name
        direction = field.direction
        policy = field.policy
        preferNonEmpty = field.preferNonEmpty
        onCRM = field.crmPath != nil
        onPRM = field.prmPath != nil
        unsetOnCRM = (try? field.read(.object([:]), side: .crm).get()) ?? .null
        unsetOnPRM = (try? field.read(.object([:]), side: .prm).get()) ?? .null
    }

    func writable(_ side: Side) -> Bool { side == .crm ? onCRM : onPRM }

    /// The value a record created on `side` without this field reads back.
    func unset(_ side: Side) -> Value { side == .crm ? unsetOnCRM : unsetOnPRM }

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
