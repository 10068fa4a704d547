import Testing
@testable import SyncCore

@Suite struct SuggestionTests {
    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("flaw", "lawn", 2), ("same", "same", 0)])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Suggestion.editDistance(a, b) == expected)
        #expect(Suggestion.editDistance(b, a) == expected)
    }

    @Test func suggestsTheClosePlausibleTypo() {
        #expect(Suggestion.closest(to: "--jsno", among: ["--json", "--config"]) == "--json")
        #expect(Suggestion.closest(to: "direciton", among: ["direction", "policy"]) == "direction")
    }

    @Test func staysSilentWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "--zzzzzz", among: ["--json", "--config"]) == nil)
    }
}
