/// Everything wrong with a `rest` remote's options, one line per problem.
public struct GenericRESTOptionProblems: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [String]

    public var description: String { problems.joined(separator: "; ") }
}
