/// `--state S|all`, the record-state filter of the ops listings (`conflicts`, `failures`).
extension Arguments {
    /// The states asked for: one by name, every one with `all`, `defaults` when absent.
    mutating func states<State: RawRepresentable & CaseIterable & Hashable>(
        default defaults: Set<State>
    ) throws(CLIError) -> Set<State> where State.RawValue == String {
        switch try option("--state") {
        case nil: return defaults
        case "all": return Set(State.allCases)
        case let text?:
            guard let state = State(rawValue: text) else {
                let names = State.allCases.map(\.rawValue).joined(separator: ", ")
                throw .usage("--state takes \(names) or all, not '\(TextTable.printable(text))'")
            }
            return [state]
        }
    }
}
