import Foundation
import Testing
@testable import YAML

/// Reading files and odd input: invalid UTF-8, size limit on files, explicit tags, merges inside lists.
struct InputTests {
    @Test func invalidUTF8IsAReadableError() {
        let bytes: [UInt8] = Array("a: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        #expect { try YAMLParser.parse(bytes: bytes, file: "bad.yaml") } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.file == "bad.yaml" && error.message.contains("UTF-8")
        }
    }

    @Test func parseFileUsesTheDisplayPathAndLimit() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-\(UUID().uuidString).yaml")
        try Data("key: [1, 2\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect { try YAMLParser.parseFile(at: url.path, displayPath: "stacks/x/compose.yaml") } throws: { error in
            (error as? YAMLError)?.file == "stacks/x/compose.yaml"
        }
        let small = YAMLLimits(maxBytes: 4, maxDepth: 64, maxExpandedNodes: 10)
        #expect { try YAMLParser.parseFile(at: url.path, displayPath: "s.yaml", limits: small) } throws: { error in
            (error as? YAMLError)?.message.contains("larger than the 4-byte limit") == true
        }
        #expect(throws: YAMLError.self) { try YAMLParser.parseFile(at: "/nonexistent/x.yaml", displayPath: "x.yaml") }
    }

    @Test func explicitTagsAreKept() throws {
        let root = try #require(try YAMLParser.parse("a: !!str 1\nb: !custom x\nc: 1\n", file: "t.yaml"))
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["b"]?.tag == "!custom")
        #expect(root["c"]?.tag == nil)
    }

    @Test func mergesWorkInsideSequences() throws {
        let text = "base: &b {x: 1}\nitems:\n  - <<: *b\n    y: 2\n  - <<: *b\n    x: 3\n"
        let items = try #require(try YAMLParser.parse(text, file: "t.yaml")?["items"]?.sequence)
        #expect(items[0]["x"]?.scalar?.value == "1")
        #expect(items[0]["y"]?.scalar?.value == "2")
        #expect(items[1]["x"]?.scalar?.value == "3")
        #expect(items[1].mapping?.count == 1)
    }

    @Test func duplicateMergeKeysAreDuplicates() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: &a {x: 1}\nm:\n  <<: *a\n  <<: *a\n", file: "t.yaml") }
    }
}
