import Spec
import Testing

/// Compose interpolation forms, checked against what `docker-compose config` produced for the same inputs.
struct InterpolatorTests {
    static let variables = ["SET": "value", "EMPTY": "", "NAME": "web"]

    @Test(arguments: [
        ("$SET", "value"), ("${SET}", "value"), ("pre-${SET}-post", "pre-value-post"), ("$SET$SET", "valuevalue"),
        ("${MISSING:-default}", "default"), ("${EMPTY:-default}", "default"), ("${EMPTY-default}", ""),
        ("${MISSING-default}", "default"), ("${SET:+alt}", "alt"), ("${EMPTY:+alt}", ""), ("${EMPTY+alt}", "alt"),
        ("${MISSING+alt}", ""), ("${MISSING:-${NAME}-x}", "web-x"), ("${MISSING:-${ALSO:-deep}}", "deep"),
        ("$$SET", "$SET"), ("cost: $$5", "cost: $5"), ("${SET:?must}", "value"), ("${EMPTY?must}", ""),
        ("no dollars", "no dollars"), ("${MISSING}", ""),
        // Like Compose, a `$` that cannot start a name stays a literal dollar.
        ("trailing $", "trailing $"), ("$ 5", "$ 5"), ("$2a$14$SET", "$2a$14value"), ("x$.y", "x$.y"), ("$-x", "$-x"),
    ])
    func expands(template: String, expected: String) throws {
        #expect(try Interpolator(variables: Self.variables).expand(template).value == expected)
    }

    @Test func reportsUnsetNames() throws {
        #expect(try Interpolator(variables: [:]).expand("$A ${B} ${C:-x}").unset == ["A", "B"])
    }

    @Test(arguments: [
        ("${MISSING:?set MISSING first}", "required variable MISSING is missing a value: set MISSING first"),
        ("${EMPTY:?}", "required variable EMPTY is missing a value"),
        ("${MISSING?x}", "required variable MISSING is missing a value: x"),
        ("${OPEN", "missing its closing"), ("${}", "must be followed by a variable name"),
        ("${A:x}", "expected `:-`"), ("${A:-unclosed", "missing `}`"),
    ])
    func rejects(template: String, message: String) {
        #expect { try Interpolator(variables: Self.variables).expand(template) } throws: { error in
            (error as? Interpolator.Failure)?.message.contains(message) == true
        }
    }
}
