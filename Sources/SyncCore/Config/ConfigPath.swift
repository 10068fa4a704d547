import Foundation

/// Where a value sits inside a config file, written the way an admin would look
/// it up: `fields[3].crmTransforms[0]`, `remotes[0].auth.credentials.clientSecret`,
/// `valueMap["Closed Won"]`.
public struct ConfigPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public static let root = ConfigPath()

    public func appending(_ key: String) -> ConfigPath { ConfigPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> ConfigPath { ConfigPath(components + [.index(index)]) }

    public static func / (path: ConfigPath, key: String) -> ConfigPath { path.appending(key) }
    public static func / (path: ConfigPath, index: Int) -> ConfigPath { path.appending(index) }

    /// The last key, for messages such as "missing key 'object'".
    public var lastKey: String? {
        for component in components.reversed() {
            if case let .key(key) = component { return key }
        }
        return nil
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case let .index(index):
                text += "[\(index)]"
            case let .key(key) where Self.isIdentifier(key):
                text += text.isEmpty ? key : "." + key
            case let .key(key):
                let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                text += "[\"\(escaped)\"]"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first == "$" || first.properties.isAlphabetic else {
            return false
        }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
