extension Transform {
    /// The parts of either value-map case: native → canonical, the fallback, and the
    /// explicit canonical → native choices (empty for a plain `valueMap`).
    public var valueMapParts: (map: [String: String], fallback: String?, write: [String: String])? {
        switch self {
        case let .valueMap(map, fallback): (map, fallback, [:])
        case let .valueMapWithWrite(map, fallback, write): (map, fallback, write)
        default: nil
        }
    }

    /// What to write for `canonical`: the `write` choice, else the one native value
    /// that reads as it. `.ambiguous` lists the candidates (sorted) when several do.
    func native(forCanonical canonical: String) -> NativeChoice {
        guard let parts = valueMapParts else { return .none }
        if let chosen = parts.write[canonical] { return .native(chosen) }
        let natives = parts.map.filter { $0.value == canonical }.map(\.key).sorted()
        switch natives.count {
        case 0: return .none
        case 1: return .native(natives[0])
        default: return .ambiguous(natives)
        }
    }

    enum NativeChoice: Hashable {
        case native(String)
        case ambiguous([String])
        case none
    }

    /// True for transforms that give a value even when the record has no path for the field.
    var suppliesValue: Bool {
        switch self {
        case .constant, .defaultValue: true
        default: false
        }
    }
}
