/// What one cycle did, for `status` and the cycles table.
public struct CycleCounts: Sendable, Hashable {
    public var pulledCRM: Int
    public var pulledPRM: Int
    public var writtenCRM: Int
    public var writtenPRM: Int
    public var conflicts: Int
    public var failures: Int

    public init(pulledCRM: Int = 0, pulledPRM: Int = 0, writtenCRM: Int = 0, writtenPRM: Int = 0,
                conflicts: Int = 0, failures: Int = 0) {
        self.pulledCRM = pulledCRM
        self.pulledPRM = pulledPRM
        self.writtenCRM = writtenCRM
        self.writtenPRM = writtenPRM
        self.conflicts = conflicts
        self.failures = failures
    }
}
