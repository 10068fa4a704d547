extension Array {
    /// Consecutive slices of at most `size` elements (batches of 200, 100, …).
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        let step = Swift.max(1, size)
        return stride(from: 0, to: count, by: step).map { self[$0..<Swift.min($0 + step, count)] }
    }
}
