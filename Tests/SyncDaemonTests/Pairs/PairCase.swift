import Sandbox
import SyncCore

/// One CRM × PRM pair: its example service config, where the sandbox serves each side,
/// and a deals and a leads mapping with native records to seed and edit on each side.
struct PairCase: CustomStringConvertible, Sendable {
    var description: String
    /// Under `config/`.
    var serviceFile: String
    /// The config's loopback URL → the stand-in serving it.
    var urls: [String: SandboxSystem]
    var crm: SandboxSystem
    var prm: SandboxSystem
    var deals: Flow
    var leads: Flow

    /// One mapping of the pair, as data a user would enter on each side.
    struct Flow: Sendable {
        var mapping: String
        /// Native fields of the i-th record entered on each side.
        var crmRecord: @Sendable (Int) -> [String: JSONValue]
        var prmRecord: @Sendable (Int) -> [String: JSONValue]
        /// An edit of two-way fields a user makes on each side, and the native values the
        /// other side must then hold (written by hand: the mapping's translation, checked
        /// independently of the code that applies it).
        var crmEdit: [String: JSONValue]
        var crmEditArrives: [String: JSONValue]
        var prmEdit: [String: JSONValue]
        var prmEditArrives: [String: JSONValue]
        /// The PRM reads a field of a record created there with a default (a `toCRM`
        /// field), which the first sync writes back to the CRM record.
        var readDefaultsWrittenBack = false
    }
}
