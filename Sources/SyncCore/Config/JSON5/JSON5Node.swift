import Foundation

/// One value of a JSON5 document with where it starts, so that every config error
/// can name a line and column. Objects keep their members in file order.
public struct JSON5Node: Hashable, Sendable {
    public var position: SourcePosition
    public var kind: Kind

    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    public enum Kind: Hashable, Sendable {
        case null
        case bool(Bool)
        case number(JSON5Number)
        case string(String)
        case array([JSON5Node])
        case object([JSON5Member])
    }

    /// How the value is named in "expected a string, found an array".
    public var typeDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number(.nonFinite): "a non-finite number"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// `key: value` in an object, with the key's own position (unknown-key errors point at it).
public struct JSON5Member: Hashable, Sendable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: JSON5Node

    public init(key: String, keyPosition: SourcePosition, value: JSON5Node) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// A JSON5 number. Finite numbers are exact decimals (money never passes through
/// `Double`); `Infinity` and `NaN` are valid JSON5, kept apart so that every field
/// can refuse them with a clear message.
public enum JSON5Number: Hashable, Sendable {
    /// The value and its text as written (`0x1F`, `+.5`), for messages.
    case finite(Decimal, text: String)
    /// `Infinity`, `+Infinity`, `-Infinity`, `NaN`, `+NaN` or `-NaN` as written.
    case nonFinite(String)
}

/// A parsed file: the root value and any duplicate keys (reported, first one kept).
public struct JSON5Document: Sendable {
    public var root: JSON5Node
    public var duplicateKeys: [JSON5DuplicateKey]
}

/// The same key twice in one object: the second occurrence is an error, the first wins.
public struct JSON5DuplicateKey: Hashable, Sendable {
    public var key: String
    public var path: ConfigPath
    public var position: SourcePosition
    public var first: SourcePosition
}
