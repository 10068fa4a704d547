import SyncCore

/// A field value on the left of a SOQL comparison.
enum SOQLValue {
    case string(String)
    case time(Int64)
    case json(JSONValue)
}
