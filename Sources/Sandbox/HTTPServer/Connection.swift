/// One accepted connection's life: read a request, answer it, repeat while kept alive.
struct Connection {
    let core: ServerCore
    let socket: ConnectionSocket
    let number: Int

    func serve() {
        let reader = HTTPRequestReader(socket: socket, limits: core.limits)
        let writer = ResponseWriter(socket: socket)
        var served = 0
        while true {
            let parsed: HTTPRequestReader.Parsed
            switch reader.read() {
            case .closed:
                return
            case .malformed(let status, let reason):
                writer.writeError(status: status, reason: reason)
                return
            case .request(let request):
                parsed = request
            }
            served += 1
            var request = HTTPServerRequest(
                method: parsed.method, target: parsed.target, headers: parsed.headers, body: parsed.body,
                connectionNumber: number, numberOnConnection: served)
            let reply = core.dispatch(&request)
            let keepAlive = parsed.keepAlive && !core.isStopping
            switch reply {
            case .respond(let response):
                let usable = writer.write(
                    response, keepAlive: keepAlive, headRequest: parsed.method == "HEAD", http10: parsed.isHTTP10)
                guard usable, keepAlive, response.headers["Connection"]?.lowercased() != "close" else { return }
            case .stall:
                socket.waitUntilPeerCloses()
                return
            case .dropConnection:
                return
            case .resetConnection:
                socket.armReset()
                return
            case .closeMidBody(let response, let afterBytes):
                writer.writeTruncated(response, after: afterBytes)
                return
            case .stallMidBody(let response, let afterBytes):
                writer.writeTruncated(response, after: afterBytes)
                socket.waitUntilPeerCloses()
                return
            }
        }
    }
}
