import Spec
import Testing

/// Shell-word splitting, env-file lines, durations and byte sizes.
struct TextFormatTests {
    @Test(arguments: [
        (#"echo "hello world" 'x y'"#, ["echo", "hello world", "x y"]),
        (#"sh -c 'echo "a b" \"q\"' x\ y"#, ["sh", "-c", #"echo "a b" \"q\""#, "x y"]),
        (#"a "b\"c" "d\e""#, ["a", #"b"c"#, #"d\e"#]),
        ("  spaced   out  ", ["spaced", "out"]), ("''", [""]), ("", []),
    ])
    func shellWords(input: String, expected: [String]) throws {
        #expect(try ShellWords.split(input) == expected)
    }

    @Test(arguments: [#"unterminated "quote"#, "single 'open", "trailing \\"])
    func shellWordsRejectBrokenQuoting(input: String) {
        #expect(throws: ShellWords.Failure.self) { try ShellWords.split(input) }
    }

    @Test func envFileForms() throws {
        let text = """
            # comment
            export EXP=1
            PLAIN=hello world # comment
            SQ='single $X # kept'
            DQ="a\\nb ${X} \\"q\\""
            MULTI="line one
            line two"
            REF=${PLAIN}!
            EMPTY=
            HASH=a#b
              SPACED = v\u{20}
            BARE_SET
            BARE_MISSING
            """
        let entries = try EnvFile.parse(text, lookup: ["X": "x", "BARE_SET": "from-env"])
        let values = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        #expect(values == [
            "EXP": "1", "PLAIN": "hello world", "SQ": "single $X # kept", "DQ": "a\nb x \"q\"",
            "MULTI": "line one\nline two", "REF": "hello world!", "EMPTY": "", "HASH": "a#b", "SPACED": "v",
            "BARE_SET": "from-env",
        ])
        #expect(entries.first { $0.key == "REF" }?.line == 8)
    }

    @Test func envFileErrorsCarryTheLine() {
        #expect { try EnvFile.parse("A=1\nB='open\n", lookup: [:]) } throws: { error in
            (error as? EnvFile.Failure)?.line == 2
        }
        #expect { try EnvFile.parse("A=1\nB=${C:?need C}\n", lookup: [:]) } throws: { error in
            (error as? EnvFile.Failure)?.message.contains("need C") == true
        }
    }

    @Test(arguments: [
        ("1m30s", Duration.seconds(90)), ("500ms", .milliseconds(500)), ("1h", .seconds(3600)), ("1.5s", .milliseconds(1500)),
        ("0", .zero), ("2h45m", .seconds(9900)), ("10us", .microseconds(10)),
    ])
    func durations(text: String, expected: Duration) {
        #expect(Units.duration(text) == expected)
    }

    @Test(arguments: ["", "10", "1x", "s", "1m-2s", "ten seconds"])
    func badDurations(text: String) {
        #expect(Units.duration(text) == nil)
    }

    @Test(arguments: [
        (Duration.seconds(90), "1m30s"), (.seconds(60), "1m0s"), (.milliseconds(500), "500ms"), (.seconds(3600), "1h0m0s"),
        (.milliseconds(1500), "1.5s"), (.zero, "0s"), (.seconds(10), "10s"),
    ])
    func goDurationStrings(duration: Duration, expected: String) {
        #expect(Units.goString(duration) == expected)
    }

    @Test(arguments: [
        ("512m", Int64(536_870_912)), ("1g", 1_073_741_824), ("1GB", 1_073_741_824), ("64k", 65536), ("1024", 1024),
        ("1.5g", 1_610_612_736), ("10MiB", 10_485_760),
    ])
    func byteSizes(text: String, expected: Int64) {
        #expect(Units.bytes(text) == expected)
    }

    @Test(arguments: ["", "m", "12q", "-1g"])
    func badByteSizes(text: String) {
        #expect(Units.bytes(text) == nil)
    }

    @Test func editDistanceSuggestions() {
        #expect(EditDistance.distance("kitten", "sitting") == 3)
        #expect(EditDistance.suggestion(for: "enviroment", among: ["environment", "entrypoint"]) == "environment")
        #expect(EditDistance.suggestion(for: "zzz", among: ["environment"]) == nil)
    }
}
