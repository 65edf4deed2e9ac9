import Foundation
import Testing

@testable import PatchbookKit

/// A farm for one rule's test: the minimal valid farm with a few lines changed.
/// `changes` apply in the order written, and each must find its text: an edit that changes nothing
/// would test the unchanged farm.
func farm(
    _ changes: KeyValuePairs<String, String> = [:], servers: String? = nil, extra: String = "",
    catalog: Catalog = Fixtures.catalog
) throws -> Farm {
    var text = Fixtures.text("farms/valid/minimal.yaml")
    for (old, new) in changes {
        try #require(text.contains(old), "the edit '\(old)' finds nothing to change in the test farm")
        text = text.replacingOccurrences(of: old, with: new)
    }
    if let servers {
        let start = try #require(text.range(of: "servers:\n"))
        let end = try #require(text.range(of: "databases:\n"))
        text.replaceSubrange(start.upperBound..<end.lowerBound, with: servers)
    }
    text = text.replacingOccurrences(of: "  accounts:\n", with: extra + "  accounts:\n")
    let (loaded, log) = Inputs.farm(data: Data(text.utf8), file: "test.yaml", catalog: catalog)
    #expect(Fixtures.rendered(log) == "")
    return try #require(loaded)
}

func plan(_ farm: Farm) throws -> Plan { try Planner.plan(farm, catalog: Fixtures.catalog) }

/// The rule ids of a plan's steps, in order.
func rules(_ plan: Plan) -> [String] { plan.steps.map(\.rule) }

func codes(_ plan: Plan) -> [String] { plan.warnings.map(\.code.rawValue) }
