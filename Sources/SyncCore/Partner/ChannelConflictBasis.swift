/// What a channel-conflict match rests on, strongest first. Raw values are the config
/// words (`channelConflict.match`) and end the journal rule (`channel_conflict.domain`).
public enum ChannelConflictBasis: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The same company domain (the account's website, or a company email's domain).
    case domain
    /// The same contact email address.
    case email
    /// Company names alike at or above the configured similarity.
    case name

    public static func < (a: ChannelConflictBasis, b: ChannelConflictBasis) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}
