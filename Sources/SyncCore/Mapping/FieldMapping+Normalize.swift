import Foundation

/// Native ↔ canonical for one field. Read applies the side's transforms in order,
/// then parses the result as the field's type; write applies their inverses in
/// reverse order. Pure: no clock, no locale.
extension FieldMapping {
    /// Whether reading `side` gives this field a value: a path, or a constant/default.
    public func isRead(on side: Side) -> Bool {
        path(side) != nil || transforms(side).contains { $0.suppliesValue }
    }

    /// The canonical value of this field in a native `record` from `side`. A missing
    /// path and JSON `null` both read as `.null` (or the default).
    public func read(_ record: JSONValue, side: Side) -> Result<Value, FieldError> {
        guard isRead(on: side) else { return .failure(.notOnSide(field: name, side: side)) }
        var stage = Stage.native(path(side).flatMap { record[path: $0] } ?? .null)
        for transform in transforms(side) {
            switch readStep(transform, stage, side: side) {
            case let .success(next): stage = next
            case let .failure(error): return .failure(error)
            }
        }
        switch stage {
        case let .canonical(value): return .success(value)
        case let .native(json): return canonical(json, side: side)
        }
    }

    /// The native value to send to `side` for `value`. Fails for a field without a
    /// path there, a value of the wrong case, or an enum value the side cannot hold.
    public func write(_ value: Value, side: Side) -> Result<JSONValue, FieldError> {
        guard path(side) != nil else { return .failure(.notOnSide(field: name, side: side)) }
        guard type.accepts(value) else {
            return .failure(.wrongType(field: name, side: side, expected: type, found: "a canonical \(value.caseName)"))
        }
        var stage = Stage.canonical(value)
        for transform in transforms(side).reversed() {
            switch writeStep(transform, stage, side: side) {
            case let .success(next): stage = next
            case let .failure(error): return .failure(error)
            }
        }
        switch stage {
        case let .native(json): return .success(json)
        case let .canonical(value):
            guard let json = FieldType.plainNative(value) else {
                return .failure(.invalidValue(field: name, side: side, type: type, detail: "outside years 1-9999"))
            }
            return .success(json)
        }
    }

    /// `json` read as this field's canonical value directly, without transforms: how
    /// a value typed by ops (`conflicts resolve --value`) or written in config is
    /// checked. Nil when it is not a valid value of the field's type (or, for an
    /// enum, not one of its `values`).
    public func canonicalValue(from json: JSONValue) -> Value? {
        try? type.canonical(from: json, values: values).get()
    }

    /// A value on its way through the transforms: still native, or already canonical
    /// (a constant, a default, a parsed date).
    enum Stage {
        case native(JSONValue)
        case canonical(Value)
    }

    private func canonical(_ json: JSONValue, side: Side) -> Result<Value, FieldError> {
        type.canonical(from: json, values: values).mapError { problem in
            switch problem {
            case let .wrongType(found): .wrongType(field: name, side: side, expected: type, found: found)
            case let .invalid(detail): .invalidValue(field: name, side: side, type: type, detail: detail)
            case let .notCanonical(value): .notCanonical(field: name, side: side, value: value)
            }
        }
    }

    // MARK: Read

    private func readStep(_ transform: Transform, _ stage: Stage, side: Side) -> Result<Stage, FieldError> {
        if case let .constant(value) = transform { return .success(.canonical(value)) }
        guard case let .native(json) = stage else { return .success(stage) }
        switch transform {
        case .constant:
            return .success(stage)
        case .trim:
            guard case let .string(text) = json else { return .success(stage) }
            return .success(.native(.string(text.trimmingCharacters(in: .whitespacesAndNewlines))))
        case .lowercase:
            guard case let .string(text) = json else { return .success(stage) }
            return .success(.native(.string(text.lowercased())))
        case .uppercase:
            guard case let .string(text) = json else { return .success(stage) }
            return .success(.native(.string(text.uppercased())))
        case let .defaultValue(value):
            if case .null = json { return .success(.canonical(value)) }
            return .success(stage)
        case .valueMap, .valueMapWithWrite:
            return readValueMap(transform, json, side: side)
        case let .dateFormat(format):
            return readDate(json, format: format, side: side)
        case let .scale(digits):
            return readScaled(json, digits: digits, side: side)
        }
    }

    private func readValueMap(_ transform: Transform, _ json: JSONValue, side: Side) -> Result<Stage, FieldError> {
        guard let parts = transform.valueMapParts else { return .success(.native(json)) }
        let text: String
        switch json {
        case .null: return .success(.native(.null))
        case let .string(value): text = value
        case let .number(number): text = number.description
        case let .bool(flag): text = flag ? "true" : "false"
        case .array, .object:
            return .failure(.wrongType(field: name, side: side, expected: type, found: json.kindDescription))
        }
        if let canonical = parts.map[text] { return .success(.native(.string(canonical))) }
        if text.isEmpty { return .success(.native(.null)) }
        if let fallback = parts.fallback { return .success(.native(.string(fallback))) }
        return .failure(.unmappedValue(field: name, side: side, native: text))
    }

    private func readDate(_ json: JSONValue, format: DateFormat, side: Side) -> Result<Stage, FieldError> {
        if case .null = json { return .success(.canonical(.null)) }
        if case .string("") = json { return .success(.canonical(.null)) }
        let millis: Int64
        switch format {
        case .iso8601:
            return .success(.native(json))
        case .epochMillis, .epochSeconds:
            let number: Decimal?
            switch json {
            case let .number(value): number = value
            case let .string(text): number = DecimalText.parse(text)
            default: return .failure(.wrongType(field: name, side: side, expected: type, found: json.kindDescription))
            }
            let factor: Int64 = format == .epochSeconds ? 1000 : 1
            guard let number, let whole = FieldType.int64(number), let scaled = Self.multiply(whole, factor),
                  ISO8601Instant.format(millis: scaled) != nil else {
                let unit = format == .epochSeconds ? "epoch seconds" : "epoch milliseconds"
                return .failure(.invalidValue(field: name, side: side, type: type, detail: "not \(unit)"))
            }
            millis = scaled
        case let .pattern(text):
            guard case let .string(written) = json else {
                return .failure(.wrongType(field: name, side: side, expected: type, found: json.kindDescription))
            }
            guard let pattern = try? DatePattern(text), let parsed = pattern.parse(written) else {
                return .failure(.invalidValue(field: name, side: side, type: type,
                                              detail: "'\(FieldError.short(written))' does not match '\(text)'"))
            }
            if type == .date { return .success(.canonical(.date(parsed.date.description))) }
            millis = Int64(parsed.date.daysSinceEpoch) * ISO8601Instant.millisPerDay + Int64(parsed.millisOfDay)
                - Int64(parsed.offsetSeconds) * 1000
        }
        if type == .date {
            return FieldType.date(fromMillis: millis).map(Stage.canonical).mapError { _ in
                .invalidValue(field: name, side: side, type: type, detail: "outside years 1-9999")
            }
        }
        return .success(.canonical(.datetime(millis)))
    }

    private func readScaled(_ json: JSONValue, digits: Int, side: Side) -> Result<Stage, FieldError> {
        let number: Decimal
        switch json {
        case .null: return .success(.native(.null))
        case let .number(value): number = value
        case let .string(text):
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return .success(.native(.null)) }
            guard let value = DecimalText.parse(text.trimmingCharacters(in: .whitespaces)) else {
                return .failure(.invalidValue(field: name, side: side, type: type, detail: "'\(FieldError.short(text))' is not a number"))
            }
            number = value
        default:
            return .failure(.wrongType(field: name, side: side, expected: type, found: json.kindDescription))
        }
        return .success(.native(.number(number / Self.power(digits))))
    }

    // MARK: Write

    private func writeStep(_ transform: Transform, _ stage: Stage, side: Side) -> Result<Stage, FieldError> {
        guard case let .canonical(value) = stage else { return .success(stage) }
        switch transform {
        case .trim, .lowercase, .uppercase, .defaultValue, .constant:
            return .success(stage)
        case .valueMap, .valueMapWithWrite:
            let text: String
            switch value {
            case .null: return .success(.native(.null))
            case let .string(string): text = string
            case let .bool(flag): text = flag ? "true" : "false"
            case let .number(number): text = number.description
            case let .date(date): text = date
            case let .datetime(millis): text = String(millis)
            }
            switch transform.native(forCanonical: text) {
            case let .native(native): return .success(.native(.string(native)))
            case .ambiguous, .none: return .failure(.noNativeValue(field: name, side: side, canonical: text))
            }
        case let .dateFormat(format):
            return writeDate(value, format: format, side: side)
        case let .scale(digits):
            guard case let .number(number) = value else { return .success(stage) }
            let scaled = number * Self.power(digits)
            guard DecimalText.isWhole(scaled) else {
                return .failure(.invalidValue(field: name, side: side, type: type,
                                              detail: "\(number) has more than \(digits) decimal places for minor units"))
            }
            return .success(.native(.number(scaled)))
        }
    }

    private func writeDate(_ value: Value, format: DateFormat, side: Side) -> Result<Stage, FieldError> {
        let date: CalendarDate, millisOfDay: Int, millis: Int64
        switch value {
        case let .date(text):
            guard let parsed = CalendarDate(iso: text) else {
                return .failure(.invalidValue(field: name, side: side, type: type, detail: "'\(text)' is not a date"))
            }
            date = parsed
            millisOfDay = 0
            millis = Int64(parsed.daysSinceEpoch) * ISO8601Instant.millisPerDay
        case let .datetime(instant):
            let (days, inDay) = ISO8601Instant.floorDivide(instant, ISO8601Instant.millisPerDay)
            guard let parsed = CalendarDate(daysSinceEpoch: Int(days)) else {
                return .failure(.invalidValue(field: name, side: side, type: type, detail: "outside years 1-9999"))
            }
            date = parsed
            millisOfDay = Int(inDay)
            millis = instant
        default:
            return .success(.canonical(value))
        }
        switch format {
        case .iso8601: return .success(.canonical(value))
        case .epochMillis: return .success(.native(.number(Decimal(millis))))
        case .epochSeconds: return .success(.native(.number(Decimal(ISO8601Instant.floorDivide(millis, 1000).quotient))))
        case let .pattern(text):
            guard let pattern = try? DatePattern(text) else {
                return .failure(.invalidValue(field: name, side: side, type: type, detail: "invalid date pattern '\(text)'"))
            }
            return .success(.native(.string(pattern.format(date: date, millisOfDay: millisOfDay))))
        }
    }

    // MARK: Arithmetic

    static func power(_ digits: Int) -> Decimal {
        Decimal(sign: .plus, exponent: digits, significand: 1)
    }

    static func multiply(_ a: Int64, _ b: Int64) -> Int64? {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : product
    }
}

extension Value {
    /// The case's name, for "expected decimal, found a canonical string".
    var caseName: String {
        switch self {
        case .null: "null"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .date: "date"
        case .datetime: "datetime"
        }
    }
}
