/// An object node whose keys were checked: lookups by key, each value with its path.
struct ConfigObject {
    let node: JSON5Node
    let path: ConfigPath
    let members: [JSON5Member]
    /// The keys allowed here; others were reported as unknown.
    let keys: [String]

    /// True when an unknown key here is a likely typo of `key` (already reported
    /// with "did you mean"), so `key` is not reported missing as well.
    func hasMisspelling(of key: String) -> Bool {
        members.contains { !keys.contains($0.key) && Suggestion.closest(to: $0.key, among: keys) == key }
    }

    /// The value of `key`; an explicit `null` counts as absent (every key is optional
    /// or required, never "present but null").
    subscript(key: String) -> JSON5Node? {
        guard let member = members.first(where: { $0.key == key }) else { return nil }
        if case .null = member.value.kind { return nil }
        return member.value
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func path(_ key: String) -> ConfigPath { path.appending(key) }
}
