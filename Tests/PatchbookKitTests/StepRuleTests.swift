import Testing

@testable import PatchbookKit

/// A change to the minimal test farm (`Fixtures/farms/valid/minimal.yaml`).
struct FarmEdit: Sendable {
    var changes: KeyValuePairs<String, String> = [:]
    var servers: String?
    var extra = ""

    func plan() throws -> Plan { try PatchbookKitTests.plan(farm(changes, servers: servers, extra: extra)) }

    static let base = FarmEdit()
    static let standalone = FarmEdit(
        changes: ["installation: farm": "installation: standalone"],
        servers: "  - { name: SRV01, roles: [application] }\n")
    static let atTarget = FarmEdit(changes: ["current: sp1": "current: 2009-10-cu"])
    static let wss = FarmEdit(changes: ["product: moss2007": "product: wss3"])
    static func large(_ settings: String = "detachContentDatabases: true", current: String = "sp1") -> FarmEdit {
        FarmEdit(changes: ["current: sp1": "current: \(current)"], extra: "  largeFarm: { \(settings) }\n")
    }
    static func database(_ line: String) -> FarmEdit {
        FarmEdit(changes: ["  - { name: WSS_Content,": "  - \(line)\n  - { name: WSS_Content,"])
    }
}

/// One rule of the seed: a farm it applies to, a farm it does not, and the section it comes from.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let section: SeedSection
    let appliesTo: FarmEdit
    let notTo: FarmEdit
    var testDescription: String { rule }
}

/// Every rule id of the contract (spec: cli-and-outputs.md, "Rule ids").
let ruleCases: [RuleCase] = [
    RuleCase(rule: "standalone-update", section: .standAlone, appliesTo: .standalone, notTo: .base),
    RuleCase(rule: "schedule-and-communicate", section: .beforeYouBegin, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "grant-setup-permissions", section: .beforeYouBegin, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "remove-temporary-permissions", section: .beforeYouBegin, appliesTo: .base, notTo: .standalone),
    RuleCase(
        rule: "dba-created-databases", section: .beforeYouBegin,
        appliesTo: FarmEdit(extra: "  dbaManagedDatabases: true\n"), notTo: .base),
    RuleCase(
        rule: "update-parent-farm-first", section: .sharedServices,
        appliesTo: FarmEdit(extra: "  sharedServices: { role: child }\n"), notTo: .base),
    RuleCase(
        rule: "bdc-web-service-proxy", section: .sharedServices,
        appliesTo: FarmEdit(
            changes: ["current: sp1": "current: rtm"],
            extra: "  sharedServices: { role: child, businessDataCatalog: true, otherFarmLevel: sp2 }\n"),
        notTo: FarmEdit(extra: "  sharedServices: { role: child, businessDataCatalog: true, otherFarmLevel: sp2 }\n")),
    RuleCase(rule: "check-timer-jobs", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "check-orphaned-objects", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(
        rule: "reapply-site-template-customizations", section: .preInstallation,
        appliesTo: FarmEdit(extra: "  customizations: { modifiedSiteTemplates: true }\n"), notTo: .base),
    RuleCase(rule: "stop-w3svc", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "start-w3svc", section: .installation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "clean-up-before-backup", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "backup-search", section: .preInstallation, appliesTo: .base, notTo: .wss),
    RuleCase(rule: "backup-config-databases", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "backup-content-databases", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(
        rule: "backup-sso-database", section: .preInstallation,
        appliesTo: .database("{ name: SSO_DB, kind: sso, server: SQL01 }"), notTo: .base),
    RuleCase(rule: "backup-front-end", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(
        rule: "backup-solutions", section: .preInstallation,
        appliesTo: FarmEdit(extra: "  customizations: { solutions: [Contoso.Branding.wsp] }\n"), notTo: .base),
    RuleCase(rule: "shrink-logs", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "verify-restore", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "backup-after-update", section: .preInstallation, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "prepare-to-move", section: .largeFarm, appliesTo: .large(), notTo: .large(current: "iu")),
    RuleCase(rule: "detach-content-databases", section: .largeFarm, appliesTo: .large(), notTo: .base),
    RuleCase(rule: "attach-content-databases", section: .installation, appliesTo: .large(), notTo: .base),
    RuleCase(
        rule: "synchronize-content-databases", section: .installation,
        appliesTo: .large("detachContentDatabases: true, parallelUpgradeServers: 4", current: "sp2"), notTo: .large(current: "sp2")),
    RuleCase(
        rule: "parallel-content-upgrade", section: .largeFarm,
        appliesTo: .large("detachContentDatabases: true, parallelUpgradeServers: 4"), notTo: .large()),
    RuleCase(rule: "install-wss-packages", section: .installation, appliesTo: .base, notTo: .atTarget),
    RuleCase(rule: "install-moss-packages", section: .installation, appliesTo: .base, notTo: .wss),
    RuleCase(rule: "run-wizard-to-farm-dialog", section: .installation, appliesTo: .base, notTo: .atTarget),
    RuleCase(rule: "complete-wizard-on-ca-server", section: .installation, appliesTo: .base, notTo: .standalone),
    RuleCase(
        rule: "complete-wizard-on-remaining-servers", section: .installation, appliesTo: .base,
        notTo: FarmEdit(servers: "  - { name: APP01, roles: [application, centralAdmin, webFrontEnd] }\n")),
    RuleCase(
        rule: "start-search-services", section: .installation,
        appliesTo: FarmEdit(extra: "  search: { leastPrivilege: true }\n"), notTo: .base),
    RuleCase(rule: "verify-upgrade-log", section: .verify, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "verify-file-and-registry-versions", section: .verify, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "verify-sql-versions", section: .verify, appliesTo: .base, notTo: .atTarget),
    RuleCase(rule: "verify-servers-in-farm-page", section: .verify, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "force-upgrade-if-failed", section: .verify, appliesTo: .base, notTo: .standalone),
    RuleCase(rule: "collect-evidence", section: .verify, appliesTo: .base, notTo: .standalone),
    RuleCase(
        rule: "update-language-template-packs", section: .languageTemplatePacks,
        appliesTo: FarmEdit(extra: "  languagePacks: [de-de]\n"), notTo: .base),
    RuleCase(
        rule: "add-new-servers", section: .addNewServers,
        appliesTo: FarmEdit(
            servers: "  - { name: APP01, roles: [application, centralAdmin] }\n  - { name: WFE09, roles: [webFrontEnd], joining: true }\n"),
        notTo: .base),
]

@Suite struct StepRuleTests {
    /// The contract's rule table, as the spec writes it.
    static let contractIds = """
        standalone-update schedule-and-communicate grant-setup-permissions remove-temporary-permissions collect-evidence
        dba-created-databases update-parent-farm-first bdc-web-service-proxy check-timer-jobs check-orphaned-objects
        reapply-site-template-customizations stop-w3svc start-w3svc clean-up-before-backup backup-search
        backup-config-databases backup-content-databases backup-sso-database backup-front-end backup-solutions
        shrink-logs verify-restore prepare-to-move detach-content-databases install-wss-packages install-moss-packages
        run-wizard-to-farm-dialog complete-wizard-on-ca-server complete-wizard-on-remaining-servers
        attach-content-databases synchronize-content-databases start-search-services parallel-content-upgrade
        verify-upgrade-log verify-file-and-registry-versions verify-sql-versions verify-servers-in-farm-page
        force-upgrade-if-failed backup-after-update update-language-template-packs add-new-servers
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    @Test func everyContractRuleHasOneRuleAndOneCase() {
        #expect(Set(StepRules.all.map(\.id)) == Set(Self.contractIds))
        #expect(StepRules.all.count == Self.contractIds.count)
        #expect(Set(ruleCases.map(\.rule)) == Set(Self.contractIds))
    }

    @Test(arguments: ruleCases)
    func ruleAppliesExactlyWhereTheSeedSaysAndCitesItsSection(_ c: RuleCase) throws {
        #expect(rules(try c.appliesTo.plan()).contains(c.rule))
        #expect(!rules(try c.notTo.plan()).contains(c.rule))
        #expect(StepRules.rule(c.rule)?.section == c.section)
        #expect(try c.appliesTo.plan().steps.first { $0.rule == c.rule }?.section == c.section)
    }

    /// Phases never go back: the plan lists steps in the order the procedure runs them.
    @Test(arguments: ruleCases)
    func phasesRunInOrder(_ c: RuleCase) throws {
        let phases = try c.appliesTo.plan().steps.map { Plan.Phase.allCases.firstIndex(of: $0.phase) ?? -1 }
        #expect(phases == phases.sorted())
    }
}
