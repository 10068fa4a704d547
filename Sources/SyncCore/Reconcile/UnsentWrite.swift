/// The fields of an earlier update that failed and is still due for a resend, when
/// its pair is reconciled again: the side it was for may still hold the values from
/// before it (it never landed), or hold newer ones written there since. Merging
/// against what that side held *before* the failed write lets the field rules decide
/// (a target edit since then is a change like any other) instead of a blind resend
/// overwriting it.
public struct UnsentWrite: Sendable, Hashable {
    /// The side the failed write was for.
    public var side: Side
    /// Field name → the value that side held before the write (nil: none).
    public var before: [String: Value?]

    public init(side: Side, before: [String: Value?]) {
        self.side = side
        self.before = before
    }
}
