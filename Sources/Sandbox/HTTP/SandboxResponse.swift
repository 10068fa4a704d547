import SyncCore

/// What a handler answers. `transport` asks the server to misbehave on the wire.
public struct SandboxResponse: Sendable {
    /// Wire-level faults the server carries out.
    public struct Transport: Sendable, Hashable {
        /// Wait this long before writing the response.
        public var delayMilliseconds: Int = 0
        /// Close the connection instead of writing the response.
        public var dropConnection = false
        /// Write the head and only this many bytes of the body, then close.
        public var cutAfterBytes: Int?

        public init(delayMilliseconds: Int = 0, dropConnection: Bool = false, cutAfterBytes: Int? = nil) {
            self.delayMilliseconds = delayMilliseconds
            self.dropConnection = dropConnection
            self.cutAfterBytes = cutAfterBytes
        }
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var transport: Transport

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                transport: Transport = Transport()) {
        self.status = status
        self.headers = headers
        self.body = body
        self.transport = transport
    }

    /// A JSON answer (`Content-Type: application/json;charset=UTF-8`).
    public static func json(_ status: Int, _ value: JSONValue, headers: [(name: String, value: String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "application/json;charset=UTF-8")] + headers,
                        body: JSONWriter.bytes(value))
    }

    public static func empty(_ status: Int, headers: [(name: String, value: String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: headers)
    }

    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The body parsed as JSON, for tests and the admin endpoint.
    public func jsonBody() throws(JSONParseError) -> JSONValue {
        try JSONParser().parse(body)
    }

    mutating func setHeader(_ name: String, _ value: String) {
        let lowered = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lowered }
        headers.append((name, value))
    }
}
