@testable import Sealed
import Testing

/// Unencrypted floats are MAC'd in Go's `FormatFloat(x, 'f', -1, 64)` form (values from Go's own output).
@Suite struct GoFloatTextTests {
    @Test(arguments: [(1.5, "1.5"), (100.0, "100"), (1e21, "1000000000000000000000"), (0.000015, "0.000015"),
                      (-2.25, "-2.25"), (0.0, "0"), (1e-7, "0.0000001"), (123456.789, "123456.789")])
    func formatsLikeGo(value: Double, expected: String) {
        #expect(GoFloatText.plain(value) == expected)
    }
}
