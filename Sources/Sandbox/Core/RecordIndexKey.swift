/// A key of one of a table's ordered indexes; it names the record it orders.
protocol RecordIndexKey: Comparable, Sendable {
    var id: String { get }
}
