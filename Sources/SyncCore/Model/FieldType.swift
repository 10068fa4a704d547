/// The canonical type of a mapped field; decides how values are parsed and compared.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case string, text, decimal, integer, bool, date, datetime, `enum`, email, reference
}
