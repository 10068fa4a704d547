/// A secret value (token, password, API key) that cannot leak by accident:
/// printing, interpolating, dumping or reflecting it shows `[redacted]`. Only
/// `reveal()` gives the text, at the one place that must send it.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The secret text, for the Authorization header or token request that needs it.
    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "Secret([redacted])" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
