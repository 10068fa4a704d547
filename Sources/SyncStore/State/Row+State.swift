import SyncCore

extension Row {
    /// A stored vocabulary word (status, side, kind) as its enum; a word this build
    /// does not know is `StateError.unreadableRow`, not a crash.
    func word<E: RawRepresentable>(_ type: E.Type, at index: Int, table: String, column: String) throws -> E
        where E.RawValue == String {
        let text = try decode(String.self, at: index)
        guard let value = E(rawValue: text) else {
            throw StateError.unreadableRow(table: table, column: column, found: String(text.prefix(40)))
        }
        return value
    }

    func optionalWord<E: RawRepresentable>(_ type: E.Type, at index: Int, table: String, column: String) throws -> E?
        where E.RawValue == String {
        guard let text = try decodeIfPresent(String.self, at: index) else { return nil }
        guard let value = E(rawValue: text) else {
            throw StateError.unreadableRow(table: table, column: column, found: String(text.prefix(40)))
        }
        return value
    }

    func text(_ index: Int) throws -> String { try decode(String.self, at: index) }
    func optionalText(_ index: Int) throws -> String? { try decodeIfPresent(String.self, at: index) }
    func int64(_ index: Int) throws -> Int64 { try decode(Int64.self, at: index) }
    func optionalInt64(_ index: Int) throws -> Int64? { try decodeIfPresent(Int64.self, at: index) }
    func int(_ index: Int) throws -> Int { try decode(Int.self, at: index) }
    func optionalInt(_ index: Int) throws -> Int? { try decodeIfPresent(Int.self, at: index) }
}

extension DatabaseValue {
    /// NULL for nil.
    static func optional(_ text: String?) -> DatabaseValue { text.map { .text($0) } ?? .null }
    static func optional(_ number: Int64?) -> DatabaseValue { number.map { .integer($0) } ?? .null }
    static func optional(_ number: Int?) -> DatabaseValue { number.map { .integer(Int64($0)) } ?? .null }
    static func side(_ side: Side) -> DatabaseValue { .text(side.rawValue) }
}
