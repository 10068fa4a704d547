/// The field a value belongs to while decoding: its name, type and enum values,
/// to check canonical values and word the errors.
struct FieldContext {
    let name: String
    /// Nil when the field's own `type` was wrong: type rules are then skipped.
    let type: FieldType?
    let values: [String]

    /// A canonical-value problem as a config problem.
    func problem(_ problem: CanonicalProblem, value: String) -> ConfigProblem {
        switch problem {
        case let .wrongType(found):
            .wrongType(expected: "a \(type?.rawValue ?? "canonical") value", found: found)
        case let .invalid(detail):
            .invalidValue("", rule: "not a valid \(type?.rawValue ?? "value"): \(detail)", hint: Self.example(for: type))
        case let .notCanonical(text):
            .notCanonical(text, field: name, values: values, suggestion: Suggestion.closest(to: text, among: values))
        }
    }

    static func example(for type: FieldType?) -> String {
        switch type {
        case .decimal: "e.g. 0 or 1250.50"
        case .integer: "e.g. 0 or 42"
        case .bool: "true or false"
        case .date: "e.g. \"2024-12-31\""
        case .datetime: "e.g. \"2024-12-31T23:59:00Z\""
        case .email: "e.g. \"partners@example.com\""
        default: "check the value"
        }
    }
}
