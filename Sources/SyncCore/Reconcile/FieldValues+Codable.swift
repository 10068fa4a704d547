/// Encoded as a JSON object `{field: value}` of the fields that have a value, in
/// slot order; decoded with the names sorted (re-align with `aligned(to:)`).
extension FieldValues: Codable {
    private struct FieldKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        let names = container.allKeys.map(\.stringValue).sorted()
        var slots: [Value?] = []
        slots.reserveCapacity(names.count)
        for name in names {
            slots.append(try container.decode(Value.self, forKey: FieldKey(stringValue: name)))
        }
        self.init(names: names, slots: slots)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for (name, value) in zip(names, slots) {
            if let value { try container.encode(value, forKey: FieldKey(stringValue: name)) }
        }
    }
}
