import Foundation
import Testing

@testable import PatchbookKit

/// The rules that make every document one runbook: package order, hotfix targets, localized
/// packages, the order of the late steps, and when a step has nothing to order.
@Suite struct RunbookRuleTests {
    static let catalog: Catalog = Inputs.catalog(adding: [Fixtures.path("catalogs/valid/2009-12-cu-and-cod.yaml")]).catalog

    private func hotfixPlan(current: String = "2009-10-cu", target: String = "2009-12-cu-cod1") throws -> Plan {
        let test = try farm(["current: sp1": "current: \(current)", "target: 2009-10-cu": "target: \(target)"], catalog: Self.catalog)
        return try Planner.plan(test, catalog: Self.catalog)
    }

    /// Seed L176, L606: WSS is not in the MOSS package and goes first. A MOSS-only hotfix target
    /// still takes the newest WSS update in range, and not the MOSS package the hotfix replaces.
    @Test func hotfixTargetKeepsWSSUpToDate() throws {
        let packages = try hotfixPlan().packages
        #expect(packages.map { "\($0.product) \($0.level)" } == ["wss3 2009-12-cu", "moss2007 2009-12-cu-cod1"])
        #expect(packages.map(\.file) == ["wss-kb977027-fullfile-x64-glb.exe", "office-kb979001-fullfile-x64-glb.exe"])
    }

    /// A target that carries both products takes each product's package of that level only.
    @Test func cumulativeUpdateTargetTakesBothProductsOfItsLevel() throws {
        let packages = try hotfixPlan(target: "2009-12-cu").packages
        #expect(packages.map { "\($0.product) \($0.level)" } == ["wss3 2009-12-cu", "moss2007 2009-12-cu"])
    }

    /// Seed L62: a critical on-demand hotfix is requested from Microsoft support.
    @Test func hotfixTargetSaysToRequestIt() throws {
        let warning = try #require(try hotfixPlan().warnings.first { $0.code == .hotfixFromSupport })
        #expect(warning.facts["kbs"] == "KB979001")
        #expect(!codes(try hotfixPlan(target: "2009-12-cu")).contains("hotfix-from-support"))
    }

    /// Seed L160, L276-L280: before December 2008 an update is a global package plus a localized
    /// package per language; with file names unknown, each is listed with `file: null`.
    @Test func localizedPackagesBeforeDecember2008() throws {
        let october2008 = try plan(farm(["target: 2009-10-cu": "target: 2008-10-cu"], extra: "  languagePacks: [de-de]\n"))
        let october = october2008.packages.filter { $0.level == "2008-10-cu" }
        #expect(
            october.map { "\($0.product) \($0.language)" } == [
                "wss3 glb", "wss3 en-us", "wss3 de-de", "moss2007 glb", "moss2007 en-us", "moss2007 de-de",
            ])
        #expect(october.allSatisfy { $0.file == nil })
        #expect(october2008.servers.allSatisfy { $0.installs.filter { $0.level == "2008-10-cu" }.count == 6 })
        // From December 2008 on, one package per product carries every language.
        let december = try plan(farm(["target: 2009-10-cu": "target: 2008-12-cu"], extra: "  languagePacks: [de-de]\n")).packages
        #expect(december.filter { $0.level == "2008-12-cu" }.map(\.language) == ["glb", "glb"])
        // Where the catalog does not say how a level ships languages, the language is not guessed.
        let iu = try plan(farm(["target: 2009-10-cu": "target: iu"])).packages
        #expect(iu.filter { $0.level == "iu" }.map(\.language) == ["unknown", "unknown"])
    }

    /// Seed L424-L432: level by level, WSS before MOSS within a level, one install step per level.
    @Test func installStepsFollowThePackageOrder() throws {
        let steps = try plan(farm()).steps.filter { $0.phase == .install && $0.level != nil }
        #expect(
            steps.map { "\($0.rule) \($0.level ?? "")" } == [
                "install-wss-packages sp2", "install-moss-packages sp2", "install-wss-packages 2009-10-cu",
                "install-moss-packages 2009-10-cu",
            ])
    }

    /// The unknown-file warning names each package it is about.
    @Test func unknownFileWarningNamesThePackages() throws {
        let warning = try #require(try plan(farm(extra: "  languagePacks: [de-de]\n")).warnings.first { $0.code == .packageFileUnknown })
        #expect(warning.facts["level"] == "sp2")
        #expect(warning.facts["packages"] == "wss3 de-de language template pack; moss2007 de-de language template pack")
    }

    /// Only the servers below the packs' level get language template packs, and only they take the step.
    @Test func languageTemplatePacksPerServer() throws {
        let servers = "  - { name: APP01, roles: [centralAdmin] }\n  - { name: WFE01, roles: [webFrontEnd], current: sp2 }\n"
        let mixed = try plan(farm(servers: servers, extra: "  languagePacks: [de-de]\n"))
        #expect(mixed.servers[0].languageTemplatePacks.count == 2)
        #expect(mixed.servers[1].languageTemplatePacks.isEmpty)
        #expect(mixed.steps.first { $0.rule == "update-language-template-packs" }?.servers == ["APP01"])
    }

    /// Each server's language template packs are for its own architecture.
    @Test func languageTemplatePacksFollowEachServersArchitecture() throws {
        let servers =
            "  - { name: APP01, roles: [centralAdmin], architecture: x64 }\n  - { name: WFE01, roles: [webFrontEnd], architecture: x86 }\n"
        let plan = try plan(farm(servers: servers, extra: "  languagePacks: [de-de]\n"))
        for server in plan.servers {
            #expect(!server.languageTemplatePacks.isEmpty, "\(server.name)")
            #expect(server.languageTemplatePacks.allSatisfy { $0.architecture == server.architecture }, "\(server.name)")
        }
        #expect(Set(plan.servers.map(\.architecture)) == [.x64, .x86])
    }

    /// Seed L536: customizations are reapplied before users come back.
    @Test func siteTemplatesAreReappliedBeforeW3SVCStarts() throws {
        let order = rules(try plan(farm(extra: "  customizations: { modifiedSiteTemplates: true }\n")))
        let reapply = try #require(order.firstIndex(of: "reapply-site-template-customizations"))
        let start = try #require(order.firstIndex(of: "start-w3svc"))
        #expect(reapply < start)
    }

    /// Nothing to order where the other farms are already at or past this farm's target.
    @Test func parentFirstOnlyWhileSomeFarmIsBehind() throws {
        let parent = "  sharedServices: { role: parent, businessDataCatalog: false, otherFarmLevel: LEVEL }\n"
        #expect(rules(try plan(farm(extra: parent.replacingOccurrences(of: "LEVEL", with: "sp1")))).contains("update-parent-farm-first"))
        #expect(
            !rules(try plan(farm(extra: parent.replacingOccurrences(of: "LEVEL", with: "2009-10-cu")))).contains("update-parent-farm-first")
        )
        #expect(
            rules(
                try plan(
                    farm(extra: parent.replacingOccurrences(of: "LEVEL", with: "sp1").replacingOccurrences(of: "parent", with: "child")))
            )
            .contains("update-parent-farm-first"))
    }
}

/// What the documents say about the window and the way back follows the plan.
@Suite struct RunbookDocumentTests {
    private func files(_ farm: Farm) throws -> [String: String] {
        let plan = try Planner.plan(farm, catalog: Fixtures.catalog)
        return try FarmPages(farm: farm, plan: plan, templates: try #require(Fixtures.templates)).files()
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Central Administration is down exactly when W3SVC stops on its server (seed L538, L654).
    @Test func centralAdministrationAvailabilityFollowsThePlan() throws {
        let onApplicationServer = try files(farm())["change-request.md"] ?? ""
        #expect(onApplicationServer.contains("Central Administration, on APP01, stays reachable"))
        let servers = "  - { name: WFECA, roles: [webFrontEnd, centralAdmin] }\n  - { name: APP01, roles: [application] }\n"
        let onFrontEnd = try files(farm(servers: servers))["change-request.md"] ?? ""
        #expect(onFrontEnd.contains("Central Administration is offline for the same time: its server, WFECA, is one of them."))
        #expect(!onFrontEnd.contains("stays reachable"))
    }

    /// The rollback restores what was backed up, the single sign-on database included, and says
    /// that the configuration database backup is not restored as it is (seed L560).
    @Test func rollbackFollowsTheBackups() throws {
        let sso: KeyValuePairs<String, String> = [
            "  - { name: WSS_Content,": "  - { name: SSO_DB, kind: sso, server: SQL01 }\n  - { name: WSS_Content,"
        ]
        let request = try files(farm(sso))["change-request.md"] ?? ""
        let rollback = try #require(request.range(of: "## Backout")).upperBound
        let text = String(request[rollback...])
        #expect(text.contains("not restored as they\n   are"))
        #expect(text.contains("Restore the single sign-on database from its backup:\n   - SSO_DB (on SQL01)"))
        let noSSO = try files(farm())["change-request.md"] ?? ""
        #expect(!noSSO.contains("single sign-on database from its backup"))
    }

    /// A farm at its target: no window, nothing to roll back, no script that claims to install.
    @Test func atTargetFarmHasNoWindowAndNoScripts() throws {
        let pages = try files(farm(["current: sp1": "current: 2009-10-cu"]))
        #expect(!pages.keys.contains { $0.hasPrefix("scripts/") })
        #expect(pages["change-request.md"]?.contains("No maintenance window") == true)
        #expect(pages["change-request.md"]?.contains("nothing to roll back") == true)
        #expect(pages.values.allSatisfy { !$0.contains("scripts/") })
    }

    /// A stand-alone server: the registry tip, no script named, no backup claimed.
    @Test func standaloneNamesNoScriptAndNoBackup() throws {
        let standalone = try farm(
            ["installation: farm": "installation: standalone"], servers: "  - { name: SRV01, roles: [application] }\n")
        let pages = try files(standalone)
        #expect(!pages.keys.contains { $0.hasPrefix("scripts/") })
        #expect(pages.values.allSatisfy { !$0.contains("scripts/") })
        #expect(pages["servers/SRV01.md"]?.contains("SINGLESERVER") == true)
        #expect(pages["change-request.md"]?.contains("patchbook plans no backup for a\nstand-alone installation") == true)
    }
}

/// The scripts do what the checklists say, and read what the packages and Windows report.
@Suite struct RunbookScriptTests {
    private func files(_ farm: Farm) throws -> [String: String] {
        let plan = try Planner.plan(farm, catalog: Fixtures.catalog)
        return try FarmPages(farm: farm, plan: plan, templates: try #require(Fixtures.templates)).files()
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Facts (Office 2007 Resource Kit): 17022 installed with a restart, 17025 already installed,
    /// 17028 no product for the patch; each package writes its own log; exit 2 lists what is left.
    @Test func installScriptReadsPackageExitCodes() throws {
        let script = try files(farm())["scripts/APP01-install.cmd"] ?? ""
        #expect(script.contains(#"start "" /wait %PACKAGE% /log:"%PACKAGELOG%""#))
        #expect(script.contains(#"if "%RC%"=="17022" (set "RESTART=1""#))
        #expect(script.contains(#"if "%RC%"=="17025" (call :log "Skipped: already installed (17025)" & exit /b 0)"#))
        #expect(script.contains(#"if "%RC%"=="17028" set "WHY="#))
        #expect(script.contains("if not exist %PACKAGE% ("))
        #expect(script.contains("Every package of this server is installed.") && !script.contains("exit /b 2"))
        let withPacks = try files(farm(extra: "  languagePacks: [de-de]\n"))["scripts/APP01-install.cmd"] ?? ""
        #expect(withPacks.contains("exit /b 2") && !withPacks.contains("Every package of this server is installed."))
        #expect(withPacks.contains("language template pack, Service Pack 2, de-de: file name unknown"))
    }

    /// Seed L880: a value the catalog does not give is passed as $null, which verify.ps1 reports as
    /// information; 32-bit PowerShell on x64 finds the 64-bit Common Files folder.
    @Test func verifyScriptReportsUnknownValuesAsInformation() throws {
        let october2009 = try files(farm())["scripts/verify.ps1"] ?? ""
        #expect(
            october2009.contains("$registryExpected = $null")
                && october2009.contains("Check ('Registry ' + 'DisplayVersion') $value $registryExpected"))
        #expect(october2009.contains("INFO {0}: {1} (the catalog gives no value to expect)"))
        #expect(october2009.contains("elseif ($env:PROCESSOR_ARCHITEW6432) { $common = $common -replace ' \\(x86\\)', '' }"))
        let october2008 = try files(farm(["target: 2009-10-cu": "target: 2008-10-cu"]))["scripts/verify.ps1"] ?? ""
        #expect(october2008.contains("$registryExpected = '12.0.6219.1000'"))
    }

    /// The backup script says it changes recovery models; attaching goes one database at a time.
    @Test func backupAndAttachSayWhatTheyDo() throws {
        let pages = try files(farm(extra: "  largeFarm: { detachContentDatabases: true }\n"))
        #expect(pages["scripts/backup-databases.sql"]?.contains("It changes each database's recovery model") == true)
        // A row with a port is this server's only on a connection to that port.
        #expect(
            pages["scripts/backup-databases.sql"]?.contains(
                "ELSE IF @name = @serverName AND (@rowPort = N'' OR @rowPort = ISNULL(@port, N''))") == true)
        #expect(pages["index.md"]?.contains("the farm takes one database at a time") == true)
        #expect(pages["scripts/attach-content-databases.cmd"]?.contains("the farm takes one at a time") == true)
    }

    /// A joining server's checklist lists the packages it is built with.
    @Test func joiningServerListsItsPackages() throws {
        let servers = "  - { name: APP01, roles: [centralAdmin] }\n  - { name: WFE09, roles: [webFrontEnd], joining: true }\n"
        let page = try files(farm(servers: servers))["servers/WFE09.md"] ?? ""
        #expect(page.contains("| 1 | Windows SharePoint Services 3.0 | sp2 | KB953338 | wssv3sp2-kb953338-x64-fullfile-en-us.exe |"))
        #expect(page.contains("the packages from the release to the target, listed above"))
    }

    /// Seed L176: a WSS 3.0 farm cannot take a MOSS-only hotfix as its target.
    @Test func targetWithoutThisFarmsProductIsAnError() throws {
        let catalog = RunbookRuleTests.catalog
        var text = Fixtures.text("farms/valid/minimal.yaml")
        text = text.replacingOccurrences(of: "product: moss2007", with: "product: wss3")
            .replacingOccurrences(of: "current: sp1", with: "current: 2009-10-cu").replacingOccurrences(
                of: "target: 2009-10-cu", with: "target: 2009-12-cu-cod1")
        let (farm, log) = Inputs.farm(data: Data(text.utf8), file: "test.yaml", catalog: catalog)
        #expect(farm == nil)
        #expect(
            Fixtures.rendered(log).contains(
                "has no package for wss3: it updates moss2007 only; the newest level with a package for this farm is '2009-12-cu'"))
    }
}

/// Every warning is raised by some farm, with the facts its code declares, and its text has no hole.
@Suite struct WarningCoverageTests {
    @Test func everyWarningGivesItsFacts() throws {
        let templates = try #require(Fixtures.templates)
        let cod = RunbookRuleTests.catalog
        let large = "  largeFarm: { detachContentDatabases: true, parallelUpgradeServers: 2 }\n"
        let plans: [Plan] = [
            try plan(farm(extra: "  installedHotfixes: [{ kb: 980001, build: 12.0.6520.5003 }]\n  languagePacks: [de-de]\n")),
            try plan(
                farm(
                    servers:
                        "  - { name: APP01, roles: [centralAdmin], current: sp2 }\n  - { name: WFE01, roles: [webFrontEnd], architecture: x86 }\n"
                )),
            try plan(
                farm(
                    ["target: 2009-10-cu": "target: 2008-10-cu"],
                    servers: "  - { name: APP01, roles: [centralAdmin], os: windows-server-2008 }\n")),
            try plan(farm(["    setup: CONTOSO\\sp_setup\n": "    centralAdminAppPool: CONTOSO\\sp_farm\n"])),
            try plan(farm(["target: 2009-10-cu": "target: 2009-08-cu"], extra: large)),
            try plan(
                farm(
                    [
                        "{ name: WSS_Content, kind: content":
                            "{ name: PWA, kind: content, server: SQL01, webApplication: \"http://pwa\", projectServer: true }\n  - { name: WSS_Content, kind: content"
                    ], extra: large)),
            try plan(farm(extra: "  sharedServices: { role: child, businessDataCatalog: false, otherFarmLevel: sp1 }\n")),
            try plan(farm(extra: "  sharedServices: { role: child, businessDataCatalog: true }\n")),
            try plan(farm(["current: sp1": "current: 2009-10-cu"])),
            try Planner.plan(
                try farm(["current: sp1": "current: 2009-10-cu", "target: 2009-10-cu": "target: 2009-12-cu-cod1"], catalog: cod),
                catalog: cod),
        ]
        var seen: Set<WarningCode> = []
        let optional: Set<WarningFact> = [.kbs, .child]
        for warning in try plans.flatMap({ try WarningTexts.write($0, templates: templates).warnings }) {
            seen.insert(warning.code)
            let given = Set(warning.facts.keys)
            #expect(given.isSubset(of: Set(warning.code.facts.map(\.rawValue))), "\(warning.code): \(given)")
            #expect(
                Set(warning.code.facts.subtracting(optional).map(\.rawValue)).isSubset(of: given), "\(warning.code) lacks facts: \(given)")
            #expect(!warning.message.contains("  ") && !warning.message.hasPrefix(" "), "\(warning.code): \(warning.message)")
        }
        #expect(seen == Set(WarningCode.allCases), "never raised: \(Set(WarningCode.allCases).subtracting(seen))")
    }
}
