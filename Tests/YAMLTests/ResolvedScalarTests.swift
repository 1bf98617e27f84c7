import Testing
@testable import YAML

/// Plain scalars resolve and print like compose (go-yaml v3 + Go formatting); values checked against the oracle.
struct ResolvedScalarTests {
    @Test(arguments: [
        ("1.0", "1"), ("0x10", "16"), ("1e3", "1000"), ("True", "true"), ("010", "8"), ("0o10", "8"),
        (".5", "0.5"), ("1_000", "1000"), ("1e6", "1e+06"), ("1.5e-7", "1.5e-07"), ("123456789.0", "1.23456789e+08"),
        ("0.0001", "0.0001"), ("0.00001", "1e-05"), ("-0b101", "-5"), ("+12", "12"), (".inf", "+Inf"),
        ("-.Inf", "-Inf"), (".NaN", "NaN"), ("99999999999999999999", "1e+20"), ("3.", "3"), ("0777", "511"),
        ("09", "9"), ("12:30", "12:30"), ("yes", "yes"), ("on", "on"), ("8080", "8080"), ("1.50", "1.5"),
    ])
    func composeText(input: String, expected: String) {
        #expect(ResolvedScalar.resolvePlain(input).composeText == expected)
    }

    @Test(arguments: ["", "~", "null", "Null", "NULL"])
    func nulls(input: String) {
        #expect(ResolvedScalar.resolvePlain(input) == .null)
    }

    @Test func quotedScalarsStayStrings() throws {
        let root = try #require(try YAMLParser.parse("a: '010'\nb: !!str 010\nc: 010\n", file: "q.yaml"))
        #expect(root["a"]?.resolved == .string("010"))
        #expect(root["b"]?.resolved == .string("010"))
        #expect(root["c"]?.resolved == .int(8))
    }
}
