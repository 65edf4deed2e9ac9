import Foundation
import Testing

@testable import PatchbookKit

/// Seed, "Recommended installation sequence" and "Cumulative updates".
@Suite struct PackageRuleTests {
    @Test func recommendedSequenceFromSP1ToOctober2009() throws {
        let packages = try plan(farm()).packages
        #expect(
            packages.map { "\($0.product) \($0.level) \($0.kb.map(String.init) ?? "?")" } == [
                "wss3 sp2 953338", "moss2007 sp2 953334", "wss3 2009-10-cu 975002", "moss2007 2009-10-cu 975731",
            ])
        #expect(packages.map(\.order) == [1, 2, 3, 4])
        #expect(packages[0].file == "wssv3sp2-kb953338-x64-fullfile-en-us.exe")
    }

    @Test func onlyTheNewestServicePackIsInstalled() throws {
        let levels = try plan(farm(["current: sp1": "current: rtm"])).packages.map(\.level)
        #expect(!levels.contains("sp1"))
        #expect(levels.contains("sp2"))
    }

    @Test func nothingAlreadyInstalled() throws {
        let packages = try plan(farm(["current: sp1": "current: sp2"])).packages
        #expect(packages.map(\.level) == ["2009-10-cu", "2009-10-cu"])
        #expect(try plan(farm(["current: sp1": "current: 2009-10-cu"])).packages.isEmpty)
    }

    @Test func wssOnlyFarmsGetNoMossPackages() throws {
        let packages = try plan(farm(["product: moss2007": "product: wss3"])).packages
        #expect(packages.allSatisfy { $0.product == .wss3 })
        #expect(packages.count == 2)
    }

    @Test func packagesFollowTheArchitectureAndBaseLanguage() throws {
        let packages = try plan(farm(["architecture: x64": "architecture: x86", "baseLanguage: en-us": "baseLanguage: de-de"])).packages
        #expect(packages[1].file == "officeserver2007sp2-kb953334-x86-fullfile-de-de.exe")
        #expect(packages[3].file == "office-kb975731-fullfile-x86-glb.exe")
    }

    /// Before December 2008, a cumulative update did not carry the Infrastructure Update.
    @Test func infrastructureUpdateOnItsOwnBeforeDecember2008() throws {
        let levels = try plan(farm(["target: 2009-10-cu": "target: 2008-10-cu"])).packages.map(\.level)
        #expect(Array(Set(levels)).sorted() == ["2008-10-cu", "iu"])
        let after = try plan(farm(["target: 2009-10-cu": "target: 2008-12-cu"])).packages.map(\.level)
        #expect(!after.contains("iu"))
    }

    /// Global-and-localized updates add a localized package for the base language and every pack.
    @Test func localizedPackagesForEveryLanguageWhereShippedSeparately() throws {
        let catalogText = """
            levels:
              - id: 2008-11-test
                name: Test
                kind: cumulative-update
                released: unknown
                build: 12.0.6332.5000
                languages: global-and-localized
                source: test
                updates:
                  - { product: wss3, kb: 900001, files: ["wss-kb900001-fullfile-{arch}-glb.exe", "wss-kb900001-fullfile-{arch}-{lang}.exe"], source: test }
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-test-\(UUID().uuidString).yaml")
        try catalogText.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let (catalog, log) = Inputs.catalog(adding: [url.path])
        #expect(!log.hasErrors)
        let test = try farm(
            ["target: 2009-10-cu": "target: 2008-11-test", "product: moss2007": "product: wss3"],
            extra: "  languagePacks: [de-de, fr-fr]\n", catalog: catalog)
        let files = try Planner.plan(test, catalog: catalog).packages.compactMap(\.file)
        #expect(
            files == [
                "wss-kb900001-fullfile-x64-glb.exe", "wss-kb900001-fullfile-x64-en-us.exe",
                "wss-kb900001-fullfile-x64-de-de.exe", "wss-kb900001-fullfile-x64-fr-fr.exe",
            ])
    }

    @Test func serversStartingLowerGetWhatTheyLack() throws {
        let servers = """
              - { name: APP01, roles: [application, centralAdmin], current: rtm, architecture: x86 }
              - { name: WFE01, roles: [webFrontEnd], current: sp2 }

            """
        let plan = try plan(farm(servers: servers))
        #expect(plan.servers[0].packages.first == "wssv3sp2-kb953338-x86-fullfile-en-us.exe")
        #expect(plan.servers[1].packages == ["wss-kb975002-fullfile-x64-glb.exe", "office-kb975731-fullfile-x64-glb.exe"])
    }
}

/// Seed, "Update language template packs".
@Suite struct LanguageTemplatePackRuleTests {
    @Test func wssPackBeforeMossPackForEveryLanguage() throws {
        let packs = try plan(farm(extra: "  languagePacks: [de-de, ja-jp]\n")).languageTemplatePacks
        #expect(
            packs.map { "\($0.product) \($0.language) \($0.level)" } == [
                "wss3 de-de sp2", "moss2007 de-de sp2", "wss3 ja-jp sp2", "moss2007 ja-jp sp2",
            ])
    }

    @Test func noPacksWithoutLanguagePacksOrWithoutAServicePack() throws {
        #expect(try plan(farm()).languageTemplatePacks.isEmpty)
        #expect(try plan(farm(["current: sp1": "current: sp2"], extra: "  languagePacks: [de-de]\n")).languageTemplatePacks.isEmpty)
    }
}

/// Seed, "Installation steps", step 9.
@Suite struct ServerOrderRuleTests {
    @Test func centralAdministrationOnAnApplicationServer() throws {
        let servers = """
              - { name: WFE01, roles: [webFrontEnd] }
              - { name: APP02, roles: [application, index] }
              - { name: APP01, roles: [application, centralAdmin] }
              - { name: WFE02, roles: [webFrontEnd, query] }

            """
        #expect(try plan(farm(servers: servers)).serverOrder == ["APP01", "APP02", "WFE01", "WFE02"])
    }

    @Test func centralAdministrationOnAFrontEndWebServer() throws {
        let servers = """
              - { name: WFE01, roles: [webFrontEnd] }
              - { name: WFECA, roles: [webFrontEnd, centralAdmin] }
              - { name: APP01, roles: [application] }

            """
        #expect(try plan(farm(servers: servers)).serverOrder == ["WFECA", "APP01", "WFE01"])
    }
}

@Suite struct WarningRuleTests {

    /// Seed, "Before you begin": hotfixes not in the update must be obtained again.
    @Test func hotfixNewerThanTarget() throws {
        let newer = "  installedHotfixes: [{ kb: 980001, build: 12.0.6520.5003 }]\n"
        #expect(codes(try plan(farm(extra: newer))).contains("hotfix-newer-than-target"))
        let older = "  installedHotfixes: [{ kb: 952698, build: 12.0.6327.5000 }]\n"
        #expect(!codes(try plan(farm(extra: older))).contains("hotfix-newer-than-target"))
    }

    @Test func serversAtDifferentLevels() throws {
        let servers = "  - { name: APP01, roles: [centralAdmin], current: sp2 }\n"
        #expect(codes(try plan(farm(servers: servers))).contains("servers-at-different-levels"))
        #expect(!codes(try plan(farm())).contains("servers-at-different-levels"))
    }

    @Test func mixedArchitectures() throws {
        let servers = "  - { name: APP01, roles: [centralAdmin] }\n  - { name: APP02, roles: [application], architecture: x86 }\n"
        #expect(codes(try plan(farm(servers: servers))).contains("mixed-architectures"))
        #expect(!codes(try plan(farm())).contains("mixed-architectures"))
    }

    /// Seed, "Available updates": SP2 brings full Windows Server 2008 support.
    @Test func windowsServer2008BelowSP2() throws {
        let servers = "  - { name: APP01, roles: [centralAdmin], os: windows-server-2008 }\n"
        #expect(
            codes(try plan(farm(["target: 2009-10-cu": "target: 2009-02-cu"], servers: servers))).contains("windows-server-2008-needs-sp2"))
        #expect(!codes(try plan(farm(servers: servers))).contains("windows-server-2008-needs-sp2"))
        // Windows Server 2003 R2 needs nothing of SP2; 2008 R2 needs SP2 to install at all, so a
        // target below it is a validation error (Fixtures/farms/invalid/windows-2008-r2-below-sp2).
        let on2003R2 = "  - { name: APP01, roles: [centralAdmin], os: windows-server-2003-r2 }\n"
        #expect(
            !codes(try plan(farm(["target: 2009-10-cu": "target: 2009-02-cu"], servers: on2003R2))).contains(
                "windows-server-2008-needs-sp2"))
    }

    @Test func unknownFactsAreNamedNotGuessed() throws {
        let unknown = try plan(farm(["target: 2009-10-cu": "target: 2009-02-cu"]))
        #expect(unknown.packages.contains { $0.file == nil && $0.kb == nil })
        #expect(codes(unknown).contains("package-file-unknown"))
        #expect(!codes(try plan(farm(["current: sp1": "current: sp2"]))).contains("package-file-unknown"))
    }

    /// facts-from-other-sources: the SP2 trial expiry (KB971620).
    @Test func sp2TrialExpiry() throws {
        #expect(codes(try plan(farm())).contains("sp2-trial-expiry"))
        #expect(!codes(try plan(farm(["current: sp1": "current: sp2"]))).contains("sp2-trial-expiry"))
    }
}

/// `patchbook plan --json` on the shipped example farms matches the checked-in golden files.
@Suite struct GoldenPlanTests {
    @Test(arguments: Fixtures.exampleFarms.keys.sorted())
    func planJSONMatchesGolden(_ name: String) throws {
        let farm = try #require(Fixtures.exampleFarm("\(name).yaml").farm)
        let plan = try WarningTexts.write(try Planner.plan(farm, catalog: Fixtures.catalog), templates: try #require(Fixtures.templates))
        let json = try JSONOutput.encode(plan)
        let folder = try #require(Fixtures.exampleFarms[name])
        #expect(json == Fixtures.text("golden/site/\(folder)/plan.json"))
    }
}

/// Warning texts come from `Content/warnings.yaml`, written with the planner's facts.
@Suite struct WarningTextTests {
    @Test func everyCodeHasItsTextAndTheFactsFillIt() throws {
        let templates = try #require(Fixtures.templates)
        let newer = "  installedHotfixes: [{ kb: 980001, build: 12.0.6520.5003 }]\n"
        let written = try WarningTexts.write(try plan(farm(extra: newer)), templates: templates)
        let hotfix = try #require(written.warnings.first { $0.code == .hotfixNewerThanTarget })
        #expect(
            hotfix.message
                == "Hotfix KB980001 (build 12.0.6520.5003) is newer than the target 2009-10-cu (12.0.6520.5000): its fix is not in the target. Obtain its updated version from Microsoft Customer Support Services, or the fix is lost."
        )
        let child = try WarningTexts.write(
            try plan(farm(extra: "  sharedServices: { role: child, businessDataCatalog: true }\n")), templates: templates)
        #expect(child.warnings.first { $0.code == .sharedServicesLevelUnknown }?.message.hasPrefix("The parent farm's level") == true)
        for code in WarningCode.allCases {
            #expect(templates.library.getTemplate(named: "warnings/\(code.rawValue)") != nil, "\(code)")
        }
    }

    /// No text is left with an unfilled name or an empty message, on any farm the tests plan.
    @Test func messagesAreComplete() throws {
        let templates = try #require(Fixtures.templates)
        for edit in ruleCases.flatMap({ [$0.appliesTo, $0.notTo] }) {
            for warning in try WarningTexts.write(try edit.plan(), templates: templates).warnings {
                #expect(
                    !warning.message.isEmpty && !warning.message.contains("  ") && !warning.message.contains(" ."),
                    "\(warning.code): \(warning.message)")
                #expect(
                    warning.facts.keys.allSatisfy(Set(warning.code.facts.map(\.rawValue)).contains), "\(warning.code): \(warning.facts)")
            }
        }
    }
}
