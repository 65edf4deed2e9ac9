import Foundation
import Testing

@testable import PatchbookKit

/// `JSONText` writes what `JSONEncoder` writes, byte for byte.
@Suite struct JSONTextTests {
    @Test func plansOfEveryFarmFixtureMatchJSONEncoder() throws {
        let farms =
            Fixtures.exampleFarms.keys.map { Fixtures.exampleFarm("\($0).yaml").farm }
            + Fixtures.files("farms/valid").map { Fixtures.farm($0).farm } + [Fixtures.farm("farms/hostile/hostile.yaml").farm]
        var compared = 0
        for farm in farms.compactMap({ $0 }) {
            let plan = try Planner.plan(farm, catalog: Fixtures.catalog)
            #expect(try JSONText.encode(plan) + "\n" == JSONOutput.foundation(plan), "\(farm.id.value)")
            compared += 1
        }
        #expect(compared > 10)
    }

    @Test func catalogListingMatchesJSONEncoder() throws {
        let listing = CatalogListing(Fixtures.catalog)
        #expect(try JSONText.encode(listing) + "\n" == JSONOutput.foundation(listing))
    }

    struct Sample: Encodable {
        var texts: [String]
        var numbers: [String: Double]
        var counts: [UInt8]
        var flags: [Bool?]
        var maybeTexts: [String?] = []
        var maybeCounts: [Int?] = []
        var empty: [Int] = []
        var nothing: [String: String] = [:]
        var optional: String?
    }

    /// Escapes, number forms, key order, empty containers and absent values, on generated samples.
    @Test func generatedValuesMatchJSONEncoder() throws {
        var generator = SeededGenerator(seed: 5)
        let pieces = [
            "a", "/", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", "\u{7F}", "é", "😀", "\u{2028}", "Z", "_", "9",
        ]
        let numbers: [Double] = [0, -0.0, 1, 197, 0.1, 1.5e-7, 1e15, 1e16, 2.5e20, 123456789.125, -3.75, 1e-300, 9007199254740993]
        func text() -> String {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }
        for _ in 0..<300 {
            var sample = Sample(
                texts: (0..<Int.random(in: 0...4, using: &generator)).map { _ in text() }, numbers: [:],
                counts: (0..<Int.random(in: 0...3, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) },
                flags: [true, nil, false].shuffled(using: &generator))
            for _ in 0..<Int.random(in: 0...5, using: &generator) { sample.numbers[text()] = numbers.randomElement(using: &generator) }
            if Bool.random(using: &generator) { sample.optional = text() }
            sample.maybeTexts = [text(), nil].shuffled(using: &generator)
            sample.maybeCounts = [Int.random(in: -5...5, using: &generator), nil].shuffled(using: &generator)
            #expect(try JSONText.encode(sample) + "\n" == JSONOutput.foundation(sample))
        }
    }

    /// A key written twice keeps its last value, as in JSONEncoder's dictionary.
    struct Rewritten: Encodable {
        enum Key: String, CodingKey { case b, a, c }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("first", forKey: .b)
            try container.encode(1, forKey: .a)
            try container.encode(["x"], forKey: .b)
            try container.encodeNil(forKey: .c)
            try container.encode("last", forKey: .b)
        }
    }

    @Test func aKeyWrittenAgainKeepsItsLastValue() throws {
        #expect(try JSONText.encode(Rewritten()) + "\n" == JSONOutput.foundation(Rewritten()))
        #expect(try JSONText.encode(Rewritten()).contains(#""b" : "last""#))
    }

    @Test func datesAreLeftToJSONEncoder() throws {
        #expect(throws: JSONText.Unsupported.self) { try JSONText.encode(["at": Date(timeIntervalSince1970: 0)]) }
        #expect(
            try JSONOutput.encode(["at": Date(timeIntervalSince1970: 0)]) == JSONOutput.foundation(["at": Date(timeIntervalSince1970: 0)]))
    }
}
