extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Method and URL with every query value masked: without the remote's redaction rules a
    /// request cannot tell which values are secret, so it shows none.
    public var description: String {
        "\(method) \(displayURL)"
    }

    /// Adds header names (values hidden) and the body size.
    public var debugDescription: String {
        let names = headers.map(\.name).joined(separator: ", ")
        return "\(description) headers=[\(names)] body=\(body?.count ?? 0) bytes"
    }

    private var displayURL: String {
        let redaction = Redaction.maskingAllQueryValues
        return SecretScrubber(request: self, redaction: redaction).scrub(redaction.redactURL(fullURL))
    }

    /// `dump()` and debuggers would otherwise print every stored property, token included.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "method": method.rawValue,
            "url": displayURL,
            "headers": headers.map(\.name),
            "bodyBytes": body?.count ?? 0,
            "idempotent": idempotent,
        ], displayStyle: .struct)
    }
}
