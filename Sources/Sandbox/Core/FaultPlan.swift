/// Faults waiting for requests, first in first out.
///
/// A route pattern is a route name (`hubspot.search`), a prefix ending in `*`
/// (`salesforce.composite.*`), or `*` for every route of the system.
struct FaultPlan: Sendable {
    struct Entry: Sendable, Hashable {
        var route: String
        var fault: SandboxFault
        var remaining: Int
    }

    private(set) var entries: [Entry] = []

    mutating func add(_ fault: SandboxFault, route: String, times: Int) {
        guard times > 0 else { return }
        entries.append(Entry(route: route, fault: fault, remaining: times))
    }

    /// The first queued fault matching `route`, used up by one.
    mutating func take(route: String) -> SandboxFault? {
        guard let index = entries.firstIndex(where: { Self.matches($0.route, route) }) else { return nil }
        let fault = entries[index].fault
        entries[index].remaining -= 1
        if entries[index].remaining == 0 { entries.remove(at: index) }
        return fault
    }

    mutating func removeAll() { entries.removeAll() }

    static func matches(_ pattern: String, _ route: String) -> Bool {
        if pattern == "*" || pattern == route { return true }
        if pattern.hasSuffix("*") { return route.hasPrefix(pattern.dropLast()) }
        return false
    }
}
