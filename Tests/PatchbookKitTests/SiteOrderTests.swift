import Foundation
import Testing

@testable import PatchbookKit

/// The site's index lists farms by id, whatever their order on the command line.
@Suite struct SiteOrderTests {
    @Test func theIndexListsFarmsByID() throws {
        let farms = [
            Fixtures.example("tailspin-wss-farm.yaml"), Fixtures.example("contoso-intranet.yaml"),
            Fixtures.example("fabrikam-large-farm.yaml"),
        ]
        let templates = try #require(Fixtures.templates)
        let forward = try Pipeline.siteFiles(farms: farms, catalog: Fixtures.catalog, templates: templates).files
        let backward = try Pipeline.siteFiles(farms: farms.reversed(), catalog: Fixtures.catalog, templates: templates).files
        let index = String(decoding: try #require(forward["index.md"]), as: UTF8.self)
        #expect(forward["index.md"] == backward["index.md"] && forward["index.html"] == backward["index.html"])
        let positions = ["contoso-intranet/", "fabrikam-collab/", "tailspin-projects/"].map { index.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions == positions.sorted { ($0 ?? index.endIndex) < ($1 ?? index.endIndex) })
    }
}
