import SyncCore

extension ImpartnerFilter.Clause {
    func matches(_ record: SandboxRecord) -> Bool {
        let actual = ImpartnerRecords.value(path, of: record)
        if value == .null {
            let isNull = actual == nil || actual == .null
            return op == .eq ? isNull : (op == .ne ? !isNull : false)
        }
        guard let actual, actual != .null else { return op == .ne }
        guard let order = ImpartnerRecords.compare(actual, value, isTime: ["created", "updated"].contains(path)) else {
            return op == .ne
        }
        switch op {
        case .eq: return order == .orderedSame
        case .ne: return order != .orderedSame
        case .gt: return order == .orderedDescending
        case .ge: return order != .orderedAscending
        case .lt: return order == .orderedAscending
        case .le: return order != .orderedDescending
        }
    }
}
