/// One endpoint of a dialect: method, path template, the route name it is counted and
/// faulted under, and whether it needs credentials.
struct DialectRoute<API: Sendable>: Sendable {
    let method: String
    let pattern: PathPattern
    let name: String
    let authenticated: Bool
    let handler: @Sendable (API, RequestContext) -> SandboxResponse

    init(_ method: String, _ template: String, _ name: String, authenticated: Bool = true,
         _ handler: @escaping @Sendable (API, RequestContext) -> SandboxResponse) {
        self.method = method
        pattern = PathPattern(template)
        self.name = name
        self.authenticated = authenticated
        self.handler = handler
    }
}
