import Foundation
import Testing

@testable import PatchbookKit

/// The built-in catalog's integrity (seed, "Available updates" and "Packages"), and user catalogs.
@Suite struct CatalogTests {
    let catalog = Fixtures.catalog

    @Test func builtInCatalogLoadsWithoutProblems() {
        #expect(Fixtures.rendered(Inputs.catalog().log) == "")
    }

    /// The level ids of farm-description.md, "Levels", in the seed's order.
    /// Release dates are days of the calendar, written YYYY-MM-DD.
    @Test func releaseDatesAreCalendarDays() {
        for date in ["2009-08-25", "2008-02-29", "2000-02-29", "0001-01-01", "9999-12-31"] {
            #expect(CatalogLoader.isDate(date), "\(date)")
        }
        for date in [
            "2009-02-29", "1900-02-29", "2009-13-01", "2009-00-10", "2009-04-31", "0000-01-01", "2009-1-01", "2009-01-1a",
            "２００９-01-01", "2009/01/01", "",
        ] {
            #expect(!CatalogLoader.isDate(date), "\(date)")
        }
    }

    @Test func holdsEveryLevelOfTheSeedInReleaseOrder() {
        #expect(
            catalog.ids == [
                "rtm", "2007-10-pu", "sp1", "post-sp1-rollup", "iu", "2008-08-cu", "2008-10-cu",
                "2008-12-cu", "2009-02-cu", "sp2", "2009-04-cu", "2009-06-cu", "2009-08-cu", "2009-10-cu",
            ])
    }

    @Test func buildsRiseStrictlyInReleaseOrder() {
        for (earlier, later) in zip(catalog.levels, catalog.levels.dropFirst()) {
            #expect(earlier.build < later.build, "\(earlier.id) \(earlier.build) !< \(later.id) \(later.build)")
        }
    }

    /// Seed, "Available updates": the Microsoft.SharePoint.portal.dll versions, including the two
    /// printed with a stray space ("12.0. 4518.1016").
    @Test func buildsAreTheSeedsPortalDllVersions() {
        let builds = Dictionary(uniqueKeysWithValues: catalog.levels.map { ($0.id, $0.build.description) })
        #expect(builds["rtm"] == "12.0.4518.1016")
        #expect(builds["2007-10-pu"] == "12.0.6036.5000")
        #expect(builds["sp1"] == "12.0.6219.1000")
        #expect(builds["post-sp1-rollup"] == "12.0.6300.5000")
        #expect(builds["iu"] == "12.0.6320.5000")
        #expect(builds["2009-02-cu"] == "12.0.6341.5002")
        #expect(builds["sp2"] == "12.0.6420.1000")
        #expect(builds["2009-08-cu"] == "12.0.6514.5002")
        #expect(builds["2009-10-cu"] == "12.0.6520.5000")
    }

    /// Seed, "Recommended installation sequence": KB 953338, 953334, 975002, 975731.
    @Test func recommendedSequenceKnowledgeBaseNumbers() {
        #expect(catalog.level(id: "sp2")?.update(for: .wss3)?.kb == .known(953338))
        #expect(catalog.level(id: "sp2")?.update(for: .moss2007)?.kb == .known(953334))
        #expect(catalog.level(id: "2009-10-cu")?.update(for: .wss3)?.kb == .known(975002))
        #expect(catalog.level(id: "2009-10-cu")?.update(for: .moss2007)?.kb == .known(975731))
    }

    @Test func everyFileNameFollowsTheNamingConvention() {
        for level in catalog.levels {
            for update in level.updates + level.languagePackUpdates {
                guard case .known(let files) = update.files else { continue }
                let kb = update.kb.value
                #expect(kb != nil, "\(level.id) names files without a KB number")
                for file in files {
                    #expect(PackageFileName.problem(with: file, kb: kb ?? 0) == nil, "\(level.id): \(file)")
                }
            }
        }
    }

    @Test func seedExampleFileNameResolves() throws {
        let pattern = try #require(catalog.level(id: "sp1")?.update(for: .moss2007)?.files.value?.first)
        #expect(
            PackageFileName.resolve(pattern, architecture: .x86, language: "en-us") == "officeserver2007sp1-kb936984-x86-fullfile-en-us.exe"
        )
        #expect(PackageFileName.resolve("a-{lang}-{arch}-{x}{", architecture: .x64, language: "de-de") == "a-de-de-x64-{x}{")
        #expect(PackageFileName.isLocalized(pattern) && PackageFileName.isLocalized("{lang}") && PackageFileName.isLocalized("{{lang}"))
        #expect(
            !PackageFileName.isLocalized("a-{lan}-{arch}.exe") && !PackageFileName.isLocalized("{lang") && !PackageFileName.isLocalized(""))
    }

    @Test func everyFactCitesItsSource() {
        for level in catalog.levels {
            #expect(level.source.contains("seed") || level.source.contains("facts"), "\(level.id)")
            for update in level.updates + level.languagePackUpdates {
                #expect(update.source.contains("seed") || update.source.contains("facts"), "\(level.id) \(update.product)")
            }
        }
    }

    /// Seed, "Cumulative updates": from the December 2008 CU on, one package carries every language.
    @Test func cumulativeUpdatesFromDecember2008CarryAllLanguages() {
        let december = catalog.level(id: "2008-12-cu")!.build
        for level in catalog.levels where level.kind == .cumulativeUpdate {
            let expected: LanguageDelivery = level.build >= december ? .allLanguages : .globalAndLocalized
            #expect(level.languages == .known(expected), "\(level.id)")
        }
        #expect(catalog.level(id: "sp2")?.languages == .known(.perLanguage))
    }

    @Test func latestIsTheNewestNonHotfixLevel() throws {
        let (withCOD, log) = Inputs.catalog(adding: [Fixtures.path("catalogs/valid/cod-hotfix.yaml")])
        #expect(!log.hasErrors)
        #expect(withCOD.latest?.id == "2009-10-cu")
        #expect(withCOD.levels.last?.id == "2009-10-cu-cod1")
    }

    @Test func userCatalogAddsLevelsOnTop() throws {
        let (merged, log) = Inputs.catalog(adding: [Fixtures.example("catalogs/2009-12-cu.yaml")])
        #expect(Fixtures.rendered(log) == "")
        let december = try #require(merged.level(id: "2009-12-cu"))
        #expect(december.update(for: .moss2007)?.kb == .known(977026))
        #expect(merged.latest?.id == "2009-12-cu")
        #expect(merged.level(build: try #require(Build("12.0.6524.5001")))?.id == "2009-12-cu")
    }

    @Test(arguments: Fixtures.files("catalogs/invalid"))
    func invalidUserCatalogIsRejectedWithItsExactDiagnostics(_ file: String) {
        let (_, log) = Inputs.catalog(adding: [Fixtures.path(file)])
        let prefix = Fixtures.root.appendingPathComponent("catalogs").path + "/"
        #expect(Fixtures.rendered(log).replacingOccurrences(of: prefix, with: "") == Fixtures.expected(for: file))
    }

    @Test func listingHasARowPerLevelAndProduct() throws {
        let listing = CatalogListing(catalog)
        #expect(listing.levels.count == 1 + 13 * 2)
        #expect(listing.text.contains("sp2              moss2007        service-pack           unknown     12.0.6420.1000  KB953334"))
        #expect(try listing.json().contains(#""kb" : 975731"#))
        #expect(try listing.json().contains(#""kb" : null"#))
    }
}
