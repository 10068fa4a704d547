import Glibc

/// Why the sandbox server could not start.
public enum LoopbackServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A socket call failed: which call, on which address, and errno.
    case socket(operation: String, address: LoopbackAddress, errno: Int32)

    public var description: String {
        switch self {
        case .socket(let operation, let address, let code):
            "sandbox HTTP server: \(operation) on \(address.urlHost) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
