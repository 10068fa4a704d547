/// One step between a native value and a canonical value. Read applies
/// native → canonical; write applies the inverse, canonical → native.
public enum Transform: Sendable, Hashable {
    /// Native ↔ canonical for enums, e.g. `"Closed Won" ↔ "won"`: keys are native
    /// values, values canonical. A two-way field needs an invertible (one-to-one)
    /// map; `fallback` is the canonical value for a native value not in the map
    /// (nil: an unmapped value is a record error, never silently dropped).
    case valueMap([String: String], fallback: String?)
    /// A value map whose inverse is chosen explicitly: `write` names the native value
    /// to write for a canonical value (needed when several natives read as the same
    /// canonical value, or to write the `fallback`). Canonical values not in `write`
    /// are written through the inverse of `map`.
    case valueMapWithWrite([String: String], fallback: String?, write: [String: String])
    /// Trim surrounding whitespace on read.
    case trim
    /// Lower- or upper-case on read.
    case lowercase
    case uppercase
    /// Canonical value used when the native value is null or absent.
    case defaultValue(Value)
    /// Always this canonical value (e.g. a fixed `source` on the PRM side).
    case constant(Value)
    /// How a native date/datetime is written: an ICU pattern such as
    /// `"yyyy-MM-dd'T'HH:mm:ss.SSSZ"`, or `epochMillis` / `epochSeconds`.
    case dateFormat(DateFormat)
    /// Native numbers in minor units (e.g. cents): divided by 10^n on read
    /// (`12345` → `123.45` for n = 2), multiplied by 10^n on write.
    case scale(Int)
}

public enum DateFormat: Sendable, Hashable {
    case iso8601
    case epochMillis
    case epochSeconds
    case pattern(String)
}
