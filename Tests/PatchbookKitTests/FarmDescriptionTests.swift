import Foundation
import Testing

@testable import PatchbookKit

/// The spec's rules for farm descriptions (farm-description.md, "Meaning and rules"): every bad
/// input in `Fixtures/farms/invalid` is rejected with exactly the diagnostics in its `.expected`
/// file, and every description in `Fixtures/farms/valid` and `examples/` is accepted.
@Suite struct FarmDescriptionTests {
    @Test(arguments: Fixtures.files("farms/invalid"))
    func invalidDescriptionIsRejectedWithItsExactDiagnostics(_ file: String) {
        let (farm, log) = Fixtures.farm(file)
        #expect(farm == nil)
        #expect(log.hasErrors)
        #expect(Fixtures.rendered(log) == Fixtures.expected(for: file))
    }

    @Test func everyInvalidFixtureHasAnExpectation() {
        for file in Fixtures.files("farms/invalid") {
            #expect(!Fixtures.expected(for: file).isEmpty, "\(file) has no .expected file")
        }
    }

    @Test(arguments: Fixtures.files("farms/valid"))
    func validDescriptionIsAccepted(_ file: String) {
        let (farm, log) = Fixtures.farm(file)
        #expect(Fixtures.rendered(log) == "")
        #expect(farm != nil)
    }

    @Test func shippedExampleFarmsAreValid() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.examples.path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("catalog-") }
        #expect(!names.isEmpty)
        for name in names {
            let (farm, log) = Fixtures.exampleFarm(name)
            #expect(Fixtures.rendered(log) == "")
            #expect(farm != nil)
        }
    }

    @Test func loadedValuesKeepTheirMeaningAndLocation() throws {
        let farm = try #require(Fixtures.exampleFarm("contoso-intranet.yaml").farm)
        #expect(farm.name.value == "Contoso Intranet")
        #expect(farm.id.value == "contoso-intranet")
        #expect(farm.product == .moss2007)
        #expect(farm.current?.value == .id("sp1"))
        #expect(farm.target?.value == .id("2009-10-cu"))
        #expect(farm.target?.location == SourceLocation(file: "examples/contoso-intranet.yaml", line: 12, column: 11))
        // Validation resolves the levels once, for every later stage.
        #expect(farm.levels?.current.id == "sp1" && farm.levels?.target.id == "2009-10-cu")
        #expect(farm.languagePacks.map(\.value) == ["de-de"])
        #expect(farm.accounts.setup?.value == #"CONTOSO\sp_setup"#)
        #expect(farm.servers.map(\.name.value) == ["APP01", "WFE01", "WFE02"])
        #expect(farm.servers[0].roles == [.application, .centralAdmin, .index])
        #expect(farm.databases.first { $0.kind == .content }?.siteCollections == 2500)
        #expect(farm.installedHotfixes.first?.build == Build("12.0.6327.5000"))
    }

    /// Values real SharePoint 2007 farms had are accepted and mean what they meant there.
    @Test func realFarmValuesAreAcceptedAndNormalized() throws {
        let farm = try #require(Fixtures.farm("farms/valid/real-2007-values.yaml").farm)
        #expect(farm.baseLanguage?.value == "en-us")
        #expect(farm.languagePacks.map(\.value) == ["de-de", "fr-fr"])
        #expect(farm.servers.map { $0.os?.value } == [.windowsServer2003R2, .windowsServer2008R2, .windowsServer2003R2])
        #expect(farm.databases.map(\.name.value.count).max() == 128)
        let plan = try Planner.plan(farm, catalog: Fixtures.catalog)
        #expect(plan.current.level == "sp1")
        #expect(!codes(plan).contains("windows-server-2008-needs-sp2"))
    }

    /// The farm version Servers in Farm shows (12.0.0.N) names a level by its farm build, or else
    /// by its portal.dll build's third number; several levels sharing it are ambiguous.
    @Test func farmVersionsNameLevels() throws {
        let catalog = Fixtures.catalog
        #expect(catalog.levels(build: try #require(Build("12.0.0.6219"))).map(\.id) == ["sp1"])
        #expect(catalog.levels(build: try #require(Build("12.0.0.6421"))).map(\.id) == ["sp2"])
        #expect(catalog.levels(build: try #require(Build("12.0.0.6420"))).isEmpty)
        #expect(catalog.levels(build: try #require(Build("12.0.0.4518"))).map(\.id) == ["rtm"])
        // The hotfix 12.0.6520.5001 shares 6520 with the October 2009 CU's 12.0.6520.5000.
        let withHotfix = Inputs.catalog(adding: [Fixtures.path("catalogs/valid/cod-hotfix.yaml")]).catalog
        #expect(withHotfix.levels(build: try #require(Build("12.0.0.6520"))).map(\.id) == ["2009-10-cu", "2009-10-cu-cod1"])
    }

    /// A misspelt key comes first in its file, before the errors it causes, placeholders or not.
    @Test func misspeltKeysLeadTheirFile() {
        let text = Fixtures.text("farms/valid/minimal.yaml")
            .replacingOccurrences(of: "  baseLanguage: en-us", with: "  baseLanguge: en-us")
            .replacingOccurrences(of: "name: WFE01", with: "name: <server name>")
        let log = Inputs.farm(data: Data(text.utf8), file: "f.yaml", catalog: Fixtures.catalog).log
        #expect(log.sorted.first?.message == "unknown key 'baseLanguge' in 'farm' (did you mean 'baseLanguage'?)")
        #expect(log.sorted.count == 3, "the key, the missing baseLanguage, the placeholder")
    }

    /// A name is judged by its own bytes, whichever spelling of an equal string came first: the
    /// Kelvin sign (U+212A) is not a SQL Server name, though Swift holds "SQL\u{212A}" equal to "SQLK".
    @Test(arguments: [("SQLK", "SQL\u{212A}"), ("SQL\u{212A}", "SQLK")])
    func eachSpellingOfANameIsChecked(_ first: String, _ second: String) throws {
        let text = try String(contentsOfFile: Fixtures.example("contoso-intranet.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "kind: config, server: SQL01", with: "kind: config, server: \(first)")
            .replacingOccurrences(of: "kind: centralAdminContent, server: SQL01", with: "kind: centralAdminContent, server: \(second)")
        let errors = Inputs.farm(data: Data(text.utf8), file: "f.yaml", catalog: Fixtures.catalog).log.entries.filter {
            $0.message.contains("is not a SQL Server name")
        }
        #expect(errors.count == 1 && errors.first?.message.hasSuffix("'SQL\u{212A}'") == true, "\(errors)")
    }

    @Test func jsonIsReadAsYAML() throws {
        let farm = try #require(Fixtures.farm("farms/valid/wss-only-json.json").farm)
        #expect(farm.product == .wss3)
        #expect(farm.current?.value == .build(try #require(Build("12.0.0.4518"))))
        #expect(farm.target?.value == .latest)
        #expect(farm.id.value == "fabrikam-collaboration-team-partners")
    }

    @Test func aliasesStandForTheirAnchoredValues() throws {
        let farm = try #require(Fixtures.farm("farms/valid/anchors-and-aliases.yaml").farm)
        #expect(farm.servers.map(\.roles) == [[.application, .centralAdmin], [.webFrontEnd], [.webFrontEnd]])
        #expect(farm.databases.map(\.server.value) == ["SQL01", "SQL01"])
    }

    @Test func defaultsApplyWhereTheSpecMakesKeysOptional() throws {
        let farm = try #require(Fixtures.farm("farms/valid/minimal.yaml").farm)
        #expect(farm.id.value == "test-farm")
        #expect(farm.sharedServices == nil)
        #expect(farm.largeFarm == nil)
        #expect(farm.dbaManagedDatabases == false)
        #expect(farm.languagePacks.isEmpty)
    }

    @Test func randomBytesNeverCrashAndAlwaysSayWhere() {
        var generator = SplitMix64(seed: 2007)
        for length in stride(from: 1, through: 400, by: 7) {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let (farm, log) = Inputs.farm(data: Data(bytes), file: "random.yaml", catalog: Fixtures.catalog)
            #expect(farm == nil)
            #expect(log.entries.allSatisfy { $0.location.file == "random.yaml" && $0.location.line >= 1 })
        }
    }

    @Test func mutatedDescriptionsNeverCrash() {
        let source = Array(Fixtures.text("farms/valid/large-child-farm.yaml").utf8)
        var generator = SplitMix64(seed: 12)
        for _ in 0..<300 {
            var bytes = source
            for _ in 0..<3 {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = Array("[]{}:-,&*!|>'\"#%@ \n\tx9".utf8)[Int(generator.next() % 22)]
            }
            _ = Inputs.farm(data: Data(bytes), file: "mutated.yaml", catalog: Fixtures.catalog)
        }
    }
}

/// A small deterministic generator, so that a failing fuzz case can be run again.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
