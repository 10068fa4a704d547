import Sandbox
import SyncCore

/// One side of a fault-matrix pair: where its deals live, the field both sides map as
/// the deal's title, and the deals seeded there (each needs the other side's create).
struct FaultSide: Sendable {
    var system: SandboxSystem
    var object: String
    var titleField: String
    /// A deal a user made on this side before the first cycle.
    var seed: [String: JSONValue]
    /// Another deal, committed late (with an old modification time) by the `.lateCommit`
    /// case; it matches nothing on the other side.
    var late: [String: JSONValue]
}
