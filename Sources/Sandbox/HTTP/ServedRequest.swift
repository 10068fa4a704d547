/// The API request being served on this thread, while its handler runs: lets the store
/// attribute each write to the request that made it, without every dialect passing the
/// request down to `StoreState`. Handlers run synchronously on the connection's thread,
/// so a task-local value (thread-local outside tasks) is exactly "this request".
struct ServedRequest: Sendable {
    var method: String
    var path: String
    var route: String

    @TaskLocal static var current: ServedRequest?
}
