/// Which inputs of a batch fail under `.partialBatchFailure`.
public enum BatchFailureSelector: Sendable, Hashable {
    /// Inputs with these keys: the external-id value for upserts, the record id for
    /// updates, deletes and reads. (Creates have no key; select them by position.)
    case keys(Set<String>)
    /// Every k-th input of each request (1-based: k = 2 fails the 2nd, 4th, …).
    case everyKth(Int)

    func selects(key: String?, position: Int) -> Bool {
        switch self {
        case let .keys(keys): return key.map(keys.contains) ?? false
        case let .everyKth(k): return k > 0 && (position + 1) % k == 0
        }
    }
}
