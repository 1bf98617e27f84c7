import Basics
import Foundation
import Testing

/// `JSONValue.prettyPrinted` against `JSONSerialization`, whose bytes recorded specs have always had.
struct PrettyJSONTests {
    /// The same value as `JSONSerialization` takes it.
    static func foundationObject(_ value: JSONValue) -> Any {
        switch value {
        case .null: NSNull()
        case let .bool(flag): flag
        case let .integer(number): number
        case let .unsigned(number): number
        case let .double(number): number
        case let .string(text): text
        case let .array(elements): elements.map(foundationObject)
        case let .object(members): members.mapValues(foundationObject)
        }
    }

    static func foundationText(_ value: JSONValue) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: foundationObject(value),
                                              options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static let keyAlphabet = Array("aAbZ09_-./ ")
    static let textAlphabet = Array("aZ9 /\\\"\n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f}é€😀\u{2028}")

    static func randomValue(_ random: inout SeededRandom, depth: Int) -> JSONValue {
        switch Int.random(in: 0...(depth > 3 ? 6 : 8), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer(Int64.random(in: -1_000_000...Int64.max, using: &random))
        case 3: return .unsigned(UInt64.random(in: UInt64(Int64.max) + 1...UInt64.max, using: &random))
        case 4: return .double([0.5, 1.25, 1e-7, 1e20, -3.75, 0.1 + 0.2, 123_456.789].randomElement(using: &random)!)
        case 5, 6: return .string(random.string(from: textAlphabet, maxLength: 8))
        case 7: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            let pairs = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                (random.string(from: keyAlphabet, maxLength: 6), randomValue(&random, depth: depth + 1))
            }
            return .object(Dictionary(pairs, uniquingKeysWith: { a, _ in a }))
        }
    }

    @Test func agreesWithJSONSerializationOnRandomDocuments() throws {
        var random = SeededRandom(state: 42)
        for _ in 0..<2_000 {
            let document = JSONValue.object(["root": Self.randomValue(&random, depth: 0)])
            #expect(document.prettyPrinted == (try Self.foundationText(document)))
        }
    }

    @Test func emptyContainersKeepFoundationsBlankLine() throws {
        let document = JSONValue.object(["a": .array([]), "b": .object([:])])
        #expect(document.prettyPrinted == "{\n  \"a\" : [\n\n  ],\n  \"b\" : {\n\n  }\n}")
        #expect(JSONValue.object([:]).prettyPrinted == (try Self.foundationText(.object([:]))))
    }

    @Test func readsNumbersIntoTheNarrowestType() throws {
        let parsed = JSONValue.parse(Data(#"[1, -2, 18446744073709551615, 1.5, 2e3, true, null, "x"]"#.utf8))
        #expect(parsed == .array([.integer(1), .integer(-2), .unsigned(.max), .double(1.5), .integer(2000), .bool(true),
                                  .null, .string("x")]))
    }

    /// Accepts what `JSONSerialization` without `.fragmentsAllowed` accepted: no bare scalars, trailing commas yes.
    @Test(arguments: ["3", "\"x\"", "true", "null", "{", "", "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[NaN]", "[1] x",
                      "\u{feff}[1]", "[ 1 ]\n", "[\"\\u00\"]", "{\"a\":1,\"a\":2}"])
    func acceptsWhatJSONSerializationAccepted(_ text: String) {
        let data = Data(text.utf8)
        #expect((JSONValue.parse(data) != nil) == ((try? JSONSerialization.jsonObject(with: data)) != nil))
    }
}
