import Foundation

extension FieldValues {
    /// Reads the stored form `FieldValues+Codable` writes, with the project's own JSON
    /// parser: the same values as `JSONDecoder` gives, several times faster. A cycle reads
    /// two of these per linked pair it reconciles, so Foundation's decoder was a quarter
    /// of a steady cycle's CPU. Nil when the text is not that form.
    public init?(storedJSON text: String) {
        if let members = StoredValuesReader.read(text), let values = Self.sortedByName(members) {
            self = values
            return
        }
        self.init(parsingStoredJSON: text)
    }

    /// The stored form laid out for `names` (a mapping's fields; the values share the
    /// array): what `FieldValues(storedJSON:)?.aligned(to: names)` gives, read straight
    /// into the slots when the text is as the store writes it.
    public init?(storedJSON text: String, alignedTo names: [String]) {
        if let slots = StoredValuesReader.read(text, alignedTo: names) {
            self.init(names: names, slots: slots)
            return
        }
        guard let values = FieldValues(storedJSON: text) else { return nil }
        self = values.aligned(to: names)
    }

    /// The general reader: any JSON spelling of the stored form.
    init?(parsingStoredJSON text: String) {
        guard case let .object(members)? = try? JSONParser().parse(text) else { return nil }
        let names = members.keys.sorted()
        var slots: [Value?] = []
        slots.reserveCapacity(names.count)
        for name in names {
            guard let member = members[name], let value = Value(stored: member) else { return nil }
            slots.append(value)
        }
        self.init(names: names, slots: slots)
    }

    /// The members in name order, as the general reader lays them out; nil when a name
    /// repeats (the general reader refuses duplicate keys, so it decides).
    private static func sortedByName(_ members: [(name: String, value: Value)]) -> FieldValues? {
        var members = members
        if !zip(members, members.dropFirst()).allSatisfy({ $0.name < $1.name }) {
            members.sort { $0.name < $1.name }
            if zip(members, members.dropFirst()).contains(where: { $0.name == $1.name }) { return nil }
        }
        return FieldValues(names: members.map(\.name), slots: members.map(\.value))
    }
}

extension Value {
    /// One stored canonical value (`null`, `{"string":"x"}`, `{"number":"12.50"}`, …;
    /// see `Value+Codable`), or nil when `json` is not one.
    public init?(stored json: JSONValue) {
        switch json {
        case .null:
            self = .null
        case let .object(members):
            guard members.count == 1, let (key, inner) = members.first else { return nil }
            switch (key, inner) {
            case let ("string", .string(text)): self = .string(text)
            case let ("date", .string(text)): self = .date(text)
            case let ("bool", .bool(flag)): self = .bool(flag)
            case let ("number", .string(text)):
                guard let number = Self.decimal(text) else { return nil }
                self = .number(number)
            case let ("datetime", .number(number)):
                let millis = NSDecimalNumber(decimal: number).int64Value
                guard Decimal(millis) == number else { return nil }
                self = .datetime(millis)
            default:
                return nil
            }
        default:
            return nil
        }
    }
}
