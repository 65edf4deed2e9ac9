/// One rule of the seed that puts a step in the procedure: its contract id (spec: cli-and-outputs.md,
/// "Rule ids"), the phase it belongs to, the seed section it comes from, and when it applies.
struct StepRule: Sendable {
    /// What a step acts on: the servers that take part, in order, and the databases it touches.
    struct Scope: Sendable {
        var servers: [String] = []
        var databases: [String] = []
        /// The level whose packages the step installs, for rules that give one step per level.
        var level: String? = nil
    }

    let id: String
    let phase: Plan.Phase
    let section: SeedSection
    /// The step's scopes on this farm: none where the seed does not call for the step there, one
    /// for most rules, one per level for the rules that install packages.
    let scopes: @Sendable (PlanContext) -> [Scope]

    init(id: String, phase: Plan.Phase, section: SeedSection, scope: @escaping @Sendable (PlanContext) -> Scope?) {
        self.init(id: id, phase: phase, section: section, scopes: { context in scope(context).map { [$0] } ?? [] })
    }

    init(id: String, phase: Plan.Phase, section: SeedSection, scopes: @escaping @Sendable (PlanContext) -> [Scope]) {
        self.id = id
        self.phase = phase
        self.section = section
        self.scopes = scopes
    }

    func steps(_ context: PlanContext) -> [Plan.Step] {
        scopes(context).map {
            Plan.Step(rule: id, phase: phase, section: section, level: $0.level, servers: $0.servers, databases: $0.databases)
        }
    }

    /// A scope for farm installations that have something to install: stand-alone installations
    /// take their own short path, and a farm already at its target needs none of the procedure.
    static func farmOnly(_ body: @escaping @Sendable (PlanContext) -> Scope?) -> @Sendable (PlanContext) -> Scope? {
        { context in context.updatesFarm ? body(context) : nil }
    }

    static func farmOnly(_ body: @escaping @Sendable (PlanContext) -> [Scope]) -> @Sendable (PlanContext) -> [Scope] {
        { context in context.updatesFarm ? body(context) : [] }
    }
}

/// Every step rule, in the order the procedure runs them; the plan lists steps in this order.
enum StepRules {
    static let all: [StepRule] = [
        BeforeYouBegin.standaloneUpdate, BeforeYouBegin.scheduleAndCommunicate, BeforeYouBegin.grantSetupPermissions,
        BeforeYouBegin.dbaCreatedDatabases, SharedServices.updateParentFarmFirst,
        PreInstallation.checkTimerJobs, PreInstallation.checkOrphanedObjects, SharedServices.bdcWebServiceProxy,
        PreInstallation.stopW3SVC, PreInstallation.cleanUpBeforeBackup,
        Backups.backupSearch, Backups.backupConfigDatabases, Backups.backupContentDatabases, Backups.backupSSODatabase,
        Backups.backupFrontEnd, Backups.backupSolutions, Backups.shrinkLogs, Backups.verifyRestore,
        LargeFarm.prepareToMove, LargeFarm.detachContentDatabases,
        InstallationSteps.installWSSPackages, InstallationSteps.installMOSSPackages, InstallationSteps.updateLanguageTemplatePacks,
        InstallationSteps.runWizardToFarmDialog, InstallationSteps.completeWizardOnCAServer,
        InstallationSteps.completeWizardOnRemainingServers,
        LargeFarm.parallelContentUpgrade, LargeFarm.attachContentDatabases, InstallationSteps.startSearchServices,
        PreInstallation.reapplySiteTemplateCustomizations, InstallationSteps.startW3SVC, LargeFarm.synchronizeContentDatabases,
        VerificationSteps.verifyUpgradeLog, VerificationSteps.verifyFileAndRegistryVersions, VerificationSteps.verifySQLVersions,
        VerificationSteps.verifyServersInFarmPage, VerificationSteps.forceUpgradeIfFailed, VerificationSteps.collectEvidence,
        Backups.backupAfterUpdate, AfterUpdate.removeTemporaryPermissions, AfterUpdate.addNewServers,
    ]

    static func steps(_ context: PlanContext) -> [Plan.Step] {
        levelByLevel(all.flatMap { $0.steps(context) }, context)
    }

    /// Seed L424-L432: the service pack of each product, then the cumulative update of each
    /// product. The WSS and MOSS install rules each give a step per level, and the language
    /// template packs one per service pack; interleave them level by level: WSS, then MOSS, then
    /// that service pack's language template packs (seed L982), as each server installs them.
    private static func levelByLevel(_ steps: [Plan.Step], _ context: PlanContext) -> [Plan.Step] {
        let order = [
            InstallationSteps.installWSSPackages.id, InstallationSteps.installMOSSPackages.id,
            InstallationSteps.updateLanguageTemplatePacks.id,
        ]
        guard let first = steps.firstIndex(where: { order.contains($0.rule) }),
            let last = steps.lastIndex(where: { order.contains($0.rule) })
        else { return steps }
        let rank = Dictionary(context.catalog.levels.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let key = { (step: Plan.Step) in (rank[step.level ?? ""] ?? 0, order.firstIndex(of: step.rule) ?? 0) }
        let run = steps[first...last].sorted { key($0) < key($1) }
        return Array(steps[..<first]) + run + Array(steps[(last + 1)...])
    }

    static func rule(_ id: String) -> StepRule? {
        all.first { $0.id == id }
    }
}
