import Basics
import Testing
@testable import YAML

/// Marks, anchors, merges and duplicate keys on small documents.
struct ParserTests {
    private func parse(_ text: String) throws -> YAMLNode {
        let node = try YAMLParser.parse(text, file: "t.yaml")
        return try #require(node)
    }

    @Test func marksAreOneBasedAndCarryTheFile() throws {
        let root = try parse("a: 1\nb:\n  c: [x, y]\n")
        let b = try #require(root.pair(forKey: "b"))
        #expect(b.key.mark == Basics.SourceLocation(file: "t.yaml", line: 2, column: 1))
        let c = try #require(b.value["c"]?.sequence)
        #expect(c[1].mark.line == 3)
        #expect(c[1].mark.column == 10)
        #expect(c[1].scalar?.value == "y")
    }

    @Test func scalarStylesAreKept() throws {
        let root = try parse("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: >\n  fold\nf:\n")
        #expect(root["a"]?.scalar?.style == .plain)
        #expect(root["b"]?.scalar?.style == .singleQuoted)
        #expect(root["c"]?.scalar?.style == .doubleQuoted)
        #expect(root["d"]?.scalar == YAMLScalar("lit\n", style: .literal))
        #expect(root["e"]?.scalar?.style == .folded)
        #expect(root["f"]?.isNull == true)
        #expect(root["b"]?.isNull == false)
    }

    @Test func aliasesCopyTheAnchoredNode() throws {
        let root = try parse("base: &b {x: 1}\nuse: *b\n")
        #expect(root["use"]?["x"]?.scalar?.value == "1")
        #expect(root["use"]?.mark.line == 1)
    }

    @Test func singleMergeKeyExplicitKeysWin() throws {
        let root = try parse("base: &b {x: 1, y: 2}\nsvc:\n  <<: *b\n  y: 3\n")
        let svc = try #require(root["svc"])
        #expect(svc["x"]?.scalar?.value == "1")
        #expect(svc["y"]?.scalar?.value == "3")
        #expect(svc.mapping?.count == 2)
        #expect(svc.pair(forKey: "<<") == nil)
    }

    @Test func listMergeEarlierSourcesWin() throws {
        let root = try parse("a: &a {k: from-a, only-a: 1}\nb: &b {k: from-b, only-b: 2}\nm:\n  <<: [*a, *b]\n  z: 0\n")
        let m = try #require(root["m"])
        #expect(m["k"]?.scalar?.value == "from-a")
        #expect(m["only-a"] != nil)
        #expect(m["only-b"]?.scalar?.value == "2")
        #expect(m["z"]?.scalar?.value == "0")
    }

    @Test func mergeOfAScalarIsAnError() throws {
        #expect(throws: YAMLError.self) { try parse("a: &a 1\nm:\n  <<: *a\n") }
    }

    @Test func duplicateKeysPointAtTheSecondKey() throws {
        do {
            _ = try YAMLParser.parse("a: 1\nb: 2\na: 3\n", file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 1)
            #expect(error.message.contains("duplicate key `a`"))
            #expect(error.message.contains("line 1"))
        }
    }

    @Test func unknownAliasIsAnError() throws {
        #expect(throws: YAMLError.self) { try parse("a: *nope\n") }
    }

    @Test func syntaxErrorsCarryLibyamlProblemAndPosition() throws {
        do {
            _ = try YAMLParser.parse("a: [1, 2\nb: 3\n", file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "t.yaml")
            #expect(error.line >= 2)
            #expect(!error.message.isEmpty)
            #expect(error.description.hasPrefix("t.yaml:\(error.line):\(error.column): error: "))
        }
    }

    @Test func multipleDocumentsAreRefused() throws {
        #expect(throws: YAMLError.self) { try parse("a: 1\n---\nb: 2\n") }
    }

    @Test func emptyInputIsNil() throws {
        #expect(try YAMLParser.parse("", file: "e.yaml") == nil)
    }
}
