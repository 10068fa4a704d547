/// What every dialect supplies to the shared request pipeline.
protocol DialectPipeline: SandboxAPI {
    var routes: [DialectRoute<Self>] { get }
    /// The dialect's error body for a pipeline refusal.
    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse
    /// Nil when the request's credentials are good; otherwise the dialect's 401/403.
    func authenticate(_ context: RequestContext) -> SandboxResponse?
    /// Carries out `.expireTokens`. Returns the answer for this request when it must fail
    /// right away (static API keys cannot be refreshed); nil lets authentication decide.
    func expireTokens(_ context: RequestContext) -> SandboxResponse?
    /// Usage and rate limits, after authentication: nil admits the request.
    func admit(_ context: RequestContext) -> SandboxResponse?
    /// Headers every response carries (`Sforce-Limit-Info`, rate-limit headers, …).
    func decorate(_ response: inout SandboxResponse, context: RequestContext)
}

extension DialectPipeline {
    func admit(_ context: RequestContext) -> SandboxResponse? { nil }
    func decorate(_ response: inout SandboxResponse, context: RequestContext) {}

    /// Matches, counts, applies faults, authenticates, limits, handles.
    func serve(_ request: HTTPServerRequest) -> SandboxResponse {
        var wrongMethod = false
        for route in routes {
            guard let parameters = route.pattern.match(request.path) else { continue }
            guard route.method == request.method.uppercased() else {
                wrongMethod = true
                continue
            }
            return run(route, parameters: parameters, request: request)
        }
        let unmatched = "\(system.rawValue).unmatched"
        store.transaction { $0.countRequest(route: unmatched) }
        return failure(wrongMethod ? .methodNotAllowed : .notFound, request: request)
    }

    private func run(_ route: DialectRoute<Self>, parameters: [String: String], request: HTTPServerRequest) -> SandboxResponse {
        let fault = store.transaction { state in
            state.countRequest(route: route.name)
            return state.faults.take(route: route.name)
        }
        var transport = SandboxResponse.Transport()
        var malformed = false
        var wrongShape = false
        var batchFailure: BatchFailureSelector?
        var context = RequestContext(request: request, parameters: parameters, route: route.name, batchFailure: nil)

        func finish(_ response: SandboxResponse) -> SandboxResponse {
            var response = response
            decorate(&response, context: context)
            response.transport = transport
            if malformed { response.body = Self.corrupt(response.body) }
            if wrongShape { response.body = Array(#"{"unexpected":true}"#.utf8) }
            if transport.cutAfterBytes != nil { transport.cutAfterBytes = response.body.count / 2 }
            return response
        }

        switch fault {
        case nil: break
        case let .status(status, retryAfter)?:
            var response = failure(.injected(status), request: request)
            if let retryAfter { response.setHeader("Retry-After", retryAfter) }
            return finish(response)
        case let .delay(milliseconds)?: transport.delayMilliseconds = max(0, milliseconds)
        case .dropConnection?: transport.dropConnection = true
        case .malformedJSON?: malformed = true
        case .cutMidBody?: transport.cutAfterBytes = 0
        case .wrongShape?: wrongShape = true
        case let .partialBatchFailure(selector)?: batchFailure = selector
        case .expireTokens?:
            if let response = expireTokens(context) { return finish(response) }
        case let .lateCommit(commit)?:
            do {
                _ = try store.transaction { (state: inout StoreState) throws(SandboxError) in try state.lateCommit(commit) }
            } catch {
                return finish(failure(.faultNotApplied("late commit: \(error)"), request: request))
            }
        case let .purgeDeleteLog(object, before)?:
            do {
                try store.purgeDeleteLog(object, before: before)
            } catch {
                return finish(failure(.faultNotApplied("purge: \(error)"), request: request))
            }
        }
        context = RequestContext(request: request, parameters: parameters, route: route.name, batchFailure: batchFailure)
        if route.authenticated, let denied = authenticate(context) { return finish(denied) }
        if route.authenticated, let limited = admit(context) { return finish(limited) }
        let served = ServedRequest(method: request.method.uppercased(), path: request.path, route: route.name)
        return finish(ServedRequest.$current.withValue(served) { route.handler(self, context) })
    }

    /// A strict prefix of a JSON object or array never parses; add a dangling quote so a
    /// lenient reader cannot mistake it for a complete document either.
    static func corrupt(_ body: [UInt8]) -> [UInt8] {
        guard body.count > 1 else { return Array("{\"".utf8) }
        return Array(body.prefix(body.count / 2)) + Array("\"".utf8)
    }
}
