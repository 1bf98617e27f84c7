import Foundation
import Testing

/// The conformance diff must see real differences, or the conformance test proves nothing.
struct JSONDiffTests {
    @Test func reportsChangedNestedValues() {
        let expected: [String: Any] = ["a": ["b": [1, "x"]], "c": "same"]
        let actual: [String: Any] = ["a": ["b": [1, "y"]], "c": "same"]
        #expect(JSONDiff.differences(expected, actual) == [#"$.a.b[1]: expected "x", got "y""#])
    }

    @Test func reportsMissingAndExtraKeys() {
        #expect(JSONDiff.differences(["k": "v"], [String: Any]()).count == 1)
        #expect(JSONDiff.differences([String: Any](), ["k": "v"]).count == 1)
    }

    @Test func zeroValuesCountAsAbsent() {
        let expected: [String: Any] = ["n": NSNull(), "l": [Any](), "f": false]
        #expect(JSONDiff.differences(expected, [String: Any]()).isEmpty)
    }

    @Test func composeDollarEscapesAreUndone() {
        #expect(JSONDiff.unescapeDollars("$$HOME/x") as? String == "$HOME/x")
    }
}
