import Testing

@testable import PatchbookKit

private func step(_ plan: Plan, _ rule: String) -> Plan.Step? { plan.steps.first { $0.rule == rule } }

/// Seed, "Before you begin": the setup account's rights, and the temporary ones.
@Suite struct PermissionRuleTests {
    @Test func setupAccountRightsOnEveryServerDatabaseAndSQLServer() throws {
        let permissions = try FarmEdit(extra: "  dbaManagedDatabases: false\n").plan().permissions
        let setup = permissions.filter { $0.holder == .setup }.map { "\($0.grant.rawValue) \($0.scope.text)" }
        #expect(
            setup == [
                "local Administrators APP01", "local Administrators WFE01", "database access SQL01/SharePoint_Config",
                "database access SQL01/WSS_Content", "dbcreator SQL01", "securityadmin SQL01",
            ])
        #expect(permissions.filter { $0.holder == .setup }.allSatisfy { $0.account == #"CONTOSO\sp_setup"# && !$0.temporary })
    }

    /// The Central Administration pool identity joins local Administrators for the update only.
    @Test func applicationPoolIdentityIsTemporary() throws {
        let pool = FarmEdit(changes: [
            "    setup: CONTOSO\\sp_setup\n": "    setup: CONTOSO\\sp_setup\n    centralAdminAppPool: CONTOSO\\sp_farm\n"
        ])
        let temporary = try pool.plan().permissions.filter(\.temporary)
        #expect(temporary.map { "\($0.account ?? "-") \($0.scope.text)" } == [#"CONTOSO\sp_farm APP01"#, #"CONTOSO\sp_farm WFE01"#])
        let same = FarmEdit(changes: [
            "    setup: CONTOSO\\sp_setup\n": "    setup: CONTOSO\\sp_setup\n    centralAdminAppPool: contoso\\SP_SETUP\n"
        ])
        let grants = try same.plan().permissions
        #expect(grants.filter { $0.holder == .centralAdminAppPool }.isEmpty)
        #expect(grants.filter { $0.grant == .localAdministrators }.allSatisfy { $0.temporary })
    }

    @Test func standaloneNeedsNone() throws {
        #expect(try FarmEdit.standalone.plan().permissions.isEmpty)
    }
}

/// Seed, "Pre-installation steps": tools and recovery models.
@Suite struct BackupRuleTests {
    static let full = FarmEdit(changes: [
        "  - { name: WSS_Content,": """
          - { name: Admin_Content, kind: centralAdminContent, server: SQL01, sizeGB: 1 }
          - { name: SSP_DB, kind: ssp, server: SQL02, sizeGB: 4 }
          - { name: SSO_DB, kind: sso, server: SQL02 }
          - { name: WSS_Content,
        """.replacingOccurrences(of: "        ", with: "  ")
    ])

    @Test func eachItemWithItsToolAndRecoveryModel() throws {
        let backups = try Self.full.plan().backups.map { "\($0.item) \($0.tool.rawValue) \($0.recoveryModel?.rawValue ?? "-")" }
        #expect(
            backups == [
                "SSP_DB stsadm -", "SharePoint_Config sql simple", "Admin_Content sql simple",
                "WSS_Content sql full", "SSO_DB sql simple",
            ])
    }

    @Test func searchBackupNeedsRoomForTheWholeFarm() throws {
        let space = try #require(try Self.full.plan().backupSpace)
        #expect(space.knownGB == 5)
        #expect(space.databasesWithoutSize == ["SharePoint_Config", "SSO_DB", "WSS_Content"])
    }

    @Test func indexServersBackUpTheirIndex() throws {
        let servers = "  - { name: APP01, roles: [application, centralAdmin, index] }\n  - { name: WFE01, roles: [webFrontEnd] }\n"
        let backups = try FarmEdit(servers: servers).plan().backups
        #expect(backups.contains { $0.kind == .index && $0.server == "APP01" && $0.tool == .stsadm })
    }

    /// An image of each front-end web server only where its customizations are not documented.
    @Test func frontEndImagesWhenUndocumented() throws {
        let undocumented = try FarmEdit(extra: "  customizations: { frontEndDocumented: false }\n").plan().backups
        #expect(undocumented.filter { $0.tool == .image }.map(\.item) == ["WFE01"])
        #expect(try FarmEdit.base.plan().backups.allSatisfy { $0.tool != .image })
    }
}

/// Seed, "Pre-installation steps" and "Large farm optimization".
@Suite struct ContentDatabaseRuleTests {
    static let project = FarmEdit(
        changes: [
            "current: sp1": "current: sp1",
            "  - { name: WSS_Content,":
                "  - { name: PWA_Content, kind: content, server: SQL01, projectServer: true }\n  - { name: WSS_Content,",
        ],
        extra: "  largeFarm: { detachContentDatabases: true }\n")

    @Test func projectServerDatabasesStayAttached() throws {
        let plan = try Self.project.plan()
        #expect(plan.contentDatabases.detach.map(\.name) == ["WSS_Content"])
        #expect(plan.contentDatabases.keepAttached.map(\.name) == ["PWA_Content"])
        #expect(step(plan, "detach-content-databases")?.databases == ["WSS_Content"])
        #expect(codes(plan).contains("project-server-databases-stay-attached"))
    }

    /// Never run preparetomove at or after the Infrastructure Update, not even when one server is there.
    @Test func prepareToMoveOnlyBeforeTheInfrastructureUpdate() throws {
        #expect(try FarmEdit.large().plan().contentDatabases.prepareToMove)
        #expect(try !FarmEdit.large(current: "iu").plan().contentDatabases.prepareToMove)
        let mixed = FarmEdit(
            servers: "  - { name: APP01, roles: [centralAdmin] }\n  - { name: WFE01, roles: [webFrontEnd], current: 2008-08-cu }\n",
            extra: "  largeFarm: { detachContentDatabases: true }\n")
        let plan = try mixed.plan()
        #expect(!plan.contentDatabases.prepareToMove)
        #expect(!rules(plan).contains("prepare-to-move"))
    }

    /// Seed L684-L700: the synchronize procedure belongs to databases upgraded on additional
    /// computers and attached without preparetomove; the command-line attach path needs none.
    @Test func synchronizeOnlyOnTheParallelUpgradePath() throws {
        let parallel = try FarmEdit.large("detachContentDatabases: true, parallelUpgradeServers: 4", current: "sp2").plan()
        #expect(rules(parallel).contains("synchronize-content-databases"))
        #expect(!rules(try FarmEdit.large(current: "sp2").plan()).contains("synchronize-content-databases"))
        let beforeIU = try FarmEdit.large("detachContentDatabases: true, parallelUpgradeServers: 4").plan()
        #expect(!rules(beforeIU).contains("synchronize-content-databases"))
        #expect(rules(beforeIU).filter { $0 == "prepare-to-move" }.count == 1)
    }

    @Test func wssFarmsHaveNoPrepareToMoveOrSync() throws {
        let plan = try FarmEdit(
            changes: ["product: moss2007": "product: wss3"],
            extra: "  largeFarm: { detachContentDatabases: true }\n"
        ).plan()
        #expect(rules(plan).contains("detach-content-databases"))
        #expect(!rules(plan).contains("prepare-to-move") && !rules(plan).contains("synchronize-content-databases"))
    }

    /// Facts: databases older than the August 2009 CU could not be upgraded by attaching them.
    @Test func august2009TargetKeepsDatabasesAttached() throws {
        let plan = try FarmEdit(
            changes: ["target: 2009-10-cu": "target: 2009-08-cu"],
            extra: "  largeFarm: { detachContentDatabases: true }\n"
        ).plan()
        #expect(plan.contentDatabases.detach.isEmpty)
        #expect(!rules(plan).contains("detach-content-databases"))
        #expect(codes(plan).contains("detach-unsafe-for-target"))
    }

    @Test func parallelUpgradeWarnsAboutAlternateAccessMappings() throws {
        #expect(
            codes(try FarmEdit.large("detachContentDatabases: true, parallelUpgradeServers: 4").plan())
                .contains("parallel-upgrade-alternate-access-mappings"))
        #expect(!codes(try FarmEdit.large().plan()).contains("parallel-upgrade-alternate-access-mappings"))
    }

    /// A full crawl follows a reattach unless the Infrastructure Update kept the change log.
    @Test func fullCrawlNoteBeforeTheInfrastructureUpdate() throws {
        #expect(codes(try FarmEdit.large().plan()).contains("full-crawl-after-attach"))
        #expect(!codes(try FarmEdit.large(current: "sp2").plan()).contains("full-crawl-after-attach"))
    }
}

/// Seed, "Verify update completion and success".
@Suite struct VerificationRuleTests {
    @Test func valuesForThisFarm() throws {
        let verification = try #require(try FarmEdit.base.plan().verification)
        #expect(verification.upgradeLogLines[0] == "Finished upgrading SPFarm Name=SharePoint_Config")
        #expect(
            verification.upgradeLogLines[1].contains("Root object = SPFarm=SharePoint_Config, recursive = True. 0 errors and 0 warnings"))
        #expect(verification.portalDllVersion == "12.0.6520.5000")
        #expect(verification.serversInFarmUrl == "http://APP01:2010/_admin/FarmServers.aspx")
        #expect(verification.forceUpgradeCommand == "psconfig -cmd upgrade -inplace b2b -wait -force")
    }

    /// x64 servers read the uninstall key under Wow6432Node; each architecture in the farm gets its path.
    @Test func registryPathPerArchitecture() throws {
        let servers = "  - { name: APP01, roles: [centralAdmin] }\n  - { name: WFE01, roles: [webFrontEnd], architecture: x86 }\n"
        let registry = try #require(try FarmEdit(servers: servers).plan().verification).registry
        #expect(
            registry.map(\.key) == [
                #"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\OSERVER"#,
                #"HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Uninstall\OSERVER"#,
            ])
        // Seed L880: DisplayVersion follows service packs; the catalog does not give SP2's value.
        #expect(registry.allSatisfy { $0.value == "DisplayVersion" && $0.expected == nil })
    }

    /// A cumulative update on top of SP1 expects SP1's DisplayVersion, not the update's build.
    @Test func displayVersionFollowsTheServicePack() throws {
        let october2008 = try #require(try FarmEdit(changes: ["target: 2009-10-cu": "target: 2008-10-cu"]).plan().verification)
        #expect(october2008.registry.first?.expected == "12.0.6219.1000")
        #expect(october2008.portalDllVersion == "12.0.6331.5000")
    }

    /// The post-SP1 rollup leaves DisplayVersion at SP1's build; SP1's Versions table includes 6211.
    @Test func levelSpecificValues() throws {
        let rollup = try #require(try FarmEdit(changes: ["target: 2009-10-cu": "target: post-sp1-rollup"]).plan().verification)
        #expect(rollup.registry.first?.expected == "12.0.6219.1000")
        let sp1 = try #require(
            try FarmEdit(changes: ["current: sp1": "current: rtm", "target: 2009-10-cu": "target: sp1"]).plan().verification)
        #expect(sp1.sqlVersionIncludes == "6211")
        let sp2 = try #require(try FarmEdit(changes: ["target: 2009-10-cu": "target: sp2"]).plan().verification)
        #expect(sp2.sqlExpectedVersion == "12.0.0.6421" && sp2.serversInFarmVersion == "12.0.0.6421")
    }

    @Test func wssFarmsReadTheWebServerExtensionsKey() throws {
        let verification = try #require(try FarmEdit.wss.plan().verification)
        #expect(verification.portalDllVersion == nil)
        #expect(verification.registry.map(\.value) == ["Version"])
    }
}

/// Seed, "Stand-alone installations" and "Add new servers to a server farm".
@Suite struct InstallationShapeTests {
    @Test func standaloneTakesItsOwnShortPath() throws {
        let plan = try FarmEdit.standalone.plan()
        #expect(rules(plan) == ["standalone-update"])
        #expect(plan.backups.isEmpty && plan.permissions.isEmpty && plan.verification == nil && plan.backupSpace == nil)
        #expect(!plan.packages.isEmpty)
    }

    @Test func joiningServersAreBuiltNotPatched() throws {
        let servers = "  - { name: APP01, roles: [centralAdmin] }\n  - { name: WFE09, roles: [webFrontEnd], joining: true }\n"
        let plan = try FarmEdit(servers: servers).plan()
        #expect(plan.serverOrder == ["APP01"])
        // Built from the release media: the packages from there to the target, for its installation source.
        #expect(plan.servers[1].joining)
        #expect(
            plan.servers[1].packages == [
                "wssv3sp2-kb953338-x64-fullfile-en-us.exe", "officeserver2007sp2-kb953334-x64-fullfile-en-us.exe",
                "wss-kb975002-fullfile-x64-glb.exe", "office-kb975731-fullfile-x64-glb.exe",
            ])
        #expect(step(plan, "add-new-servers")?.servers == ["WFE09"])
        #expect(plan.steps.filter { $0.rule != "add-new-servers" }.allSatisfy { !$0.servers.contains("WFE09") })
    }

    /// Seed, step 1: W3SVC stops on the web servers only; CA on a front end makes it one of them.
    @Test func webServiceStopsOnFrontEnds() throws {
        #expect(step(try FarmEdit.base.plan(), "stop-w3svc")?.servers == ["WFE01"])
        let caOnFrontEnd = "  - { name: WFECA, roles: [webFrontEnd, centralAdmin] }\n  - { name: APP01, roles: [application] }\n"
        let plan = try FarmEdit(servers: caOnFrontEnd).plan()
        #expect(step(plan, "stop-w3svc")?.servers == ["WFECA"])
        #expect(step(plan, "complete-wizard-on-remaining-servers")?.servers == ["APP01"])
    }

    /// Seed, "Shared services farm configurations": the proxy for a parent whose children run RTM.
    @Test func bdcProxyForAParentWithChildrenAtRelease() throws {
        let parent = FarmEdit(extra: "  sharedServices: { role: parent, businessDataCatalog: true, otherFarmLevel: rtm }\n")
        #expect(step(try parent.plan(), "bdc-web-service-proxy")?.servers == ["WFE01"])
        let noBDC = FarmEdit(extra: "  sharedServices: { role: parent, businessDataCatalog: false, otherFarmLevel: rtm }\n")
        #expect(!rules(try noBDC.plan()).contains("bdc-web-service-proxy"))
        let unknown = FarmEdit(extra: "  sharedServices: { role: parent, businessDataCatalog: true }\n")
        #expect(codes(try unknown.plan()).contains("shared-services-level-unknown"))
    }

    @Test func childAheadOfItsParentIsWarned() throws {
        let child = FarmEdit(extra: "  sharedServices: { role: child, otherFarmLevel: sp1 }\n")
        #expect(codes(try child.plan()).contains("parent-farm-not-updated"))
        let updated = FarmEdit(extra: "  sharedServices: { role: child, otherFarmLevel: 2009-10-cu }\n")
        #expect(!codes(try updated.plan()).contains("parent-farm-not-updated"))
    }

    @Test func unnamedSetupAccountIsWarned() throws {
        let plan = try FarmEdit(changes: ["    setup: CONTOSO\\sp_setup\n": "    centralAdminAppPool: CONTOSO\\sp_farm\n"]).plan()
        #expect(codes(plan).contains("setup-account-unnamed"))
        #expect(plan.permissions.contains { $0.holder == .setup && $0.account == nil })
        #expect(!codes(try FarmEdit.base.plan()).contains("setup-account-unnamed"))
    }

    /// A farm already at its target needs none of the procedure, only what new servers need.
    @Test func aFarmAtItsTargetHasNothingToDo() throws {
        let plan = try FarmEdit.atTarget.plan()
        #expect(plan.steps.isEmpty && plan.permissions.isEmpty && plan.backups.isEmpty && plan.verification == nil)
        #expect(codes(plan) == ["at-target"])
        let joining = FarmEdit(
            changes: ["current: sp1": "current: 2009-10-cu"],
            servers: "  - { name: APP01, roles: [centralAdmin] }\n  - { name: WFE09, roles: [webFrontEnd], joining: true }\n")
        #expect(rules(try joining.plan()) == ["add-new-servers"])
        let standalone = FarmEdit(
            changes: ["installation: farm": "installation: standalone", "current: sp1": "current: 2009-10-cu"],
            servers: "  - { name: SRV01, roles: [application] }\n")
        #expect(rules(try standalone.plan()).isEmpty)
    }
}
