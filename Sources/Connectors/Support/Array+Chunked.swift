extension Array {
    /// Consecutive slices of at most `size` elements (batches of 200, 100, …).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        let step = Swift.max(1, size)
        return stride(from: 0, to: count, by: step).map { self[$0..<Swift.min($0 + step, count)] }
    }

    /// Consecutive slices of at most `size` elements, none holding two elements with the
    /// same `key` (nil: no key): a batch API refuses a record named twice in one call
    /// (HubSpot fails the whole call; Salesforce an upsert's repeated key), so a second
    /// write of a record starts the next call and still lands after the first.
    func chunked(_ size: Int, distinct key: (Element) -> String?) -> [ArraySlice<Element>] {
        let step = Swift.max(1, size)
        var slices: [ArraySlice<Element>] = []
        var start = 0
        var keys: Set<String> = []
        for index in indices {
            let name = key(self[index])
            if index - start == step || name.map(keys.contains) == true {
                slices.append(self[start..<index])
                start = index
                keys.removeAll(keepingCapacity: true)
            }
            if let name { keys.insert(name) }
        }
        if start < count { slices.append(self[start..<count]) }
        return slices
    }
}
