import Testing
@testable import YAML

/// Hostile input is refused with a clear, positioned error instead of exhausting memory or stack.
struct LimitsTests {
    @Test func billionLaughsIsRefused() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        do {
            _ = try YAMLParser.parse(text, file: "bomb.yaml")
            Issue.record("expected the bomb to be refused")
        } catch {
            #expect(error.message.contains("100000 nodes"))
            #expect(error.line <= 6)
        }
    }

    /// Issue 17, point 3: a few nodes can be many bytes; the node cap alone let this through.
    @Test func largeScalarAliasedOftenIsRefusedByBytes() throws {
        let big = String(repeating: "x", count: 100_000)
        let text = "big: &big \"\(big)\"\nmany: [" + Array(repeating: "*big", count: 200).joined(separator: ", ") + "]\n"
        do {
            _ = try YAMLParser.parse(text, file: "bytes.yaml")
            Issue.record("expected 20 MB of aliased text to be refused")
        } catch {
            #expect(error.message.contains("bytes of text"))
            #expect(error.line == 2)
        }
    }

    @Test func modestAliasUseIsFine() throws {
        let text = "x: &x {a: 1, b: 2}\n" + (1...50).map { "k\($0): *x" }.joined(separator: "\n")
        let root = try #require(try YAMLParser.parse(text, file: "ok.yaml"))
        #expect(root.mapping?.count == 51)
    }

    @Test(arguments: [64, 65])
    func depthLimit(depth: Int) throws {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        if depth <= 64 {
            #expect(try YAMLParser.parse(text, file: "d.yaml") != nil)
        } else {
            #expect { try YAMLParser.parse(text, file: "d.yaml") } throws: { error in
                (error as? YAMLError)?.message.contains("deeper than 64") == true
            }
        }
    }

    @Test func oversizedInputIsRefused() throws {
        let text = "a: \"" + String(repeating: "x", count: (1 << 20) + 1) + "\"\n"
        #expect { try YAMLParser.parse(text, file: "big.yaml") } throws: { error in
            (error as? YAMLError)?.message.contains("limit") == true
        }
    }

    @Test func customLimitsApply() throws {
        let limits = YAMLLimits(maxBytes: 10, maxDepth: 64, maxExpandedNodes: 100)
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: 12345678901", file: "s.yaml", limits: limits) }
    }
}
