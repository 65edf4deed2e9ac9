/// One rule of the seed that puts a step in the procedure: its contract id (spec: cli-and-outputs.md,
/// "Rule ids"), the phase it belongs to, the seed section it comes from, and when it applies.
struct StepRule: Sendable {
    /// What a step acts on: the servers that take part, in order, and the databases it touches.
    struct Scope: Sendable {
        var servers: [String] = []
        var databases: [String] = []
    }

    let id: String
    let phase: Plan.Phase
    let section: SeedSection
    /// The step's scope on this farm, or nil when the seed does not call for the step there.
    let scope: @Sendable (PlanContext) -> Scope?

    func step(_ context: PlanContext) -> Plan.Step? {
        scope(context).map { Plan.Step(rule: id, phase: phase, section: section, servers: $0.servers, databases: $0.databases) }
    }

    /// A scope for farm installations that have something to install: stand-alone installations
    /// take their own short path, and a farm already at its target needs none of the procedure.
    static func farmOnly(_ body: @escaping @Sendable (PlanContext) -> Scope?) -> @Sendable (PlanContext) -> Scope? {
        { context in context.updatesFarm ? body(context) : nil }
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
        Installation.installWSSPackages, Installation.installMOSSPackages, Installation.updateLanguageTemplatePacks,
        Installation.runWizardToFarmDialog, Installation.completeWizardOnCAServer, Installation.completeWizardOnRemainingServers,
        LargeFarm.parallelContentUpgrade, LargeFarm.attachContentDatabases, Installation.startSearchServices,
        Installation.startW3SVC, LargeFarm.synchronizeContentDatabases, PreInstallation.reapplySiteTemplateCustomizations,
        Verification.verifyUpgradeLog, Verification.verifyFileAndRegistryVersions, Verification.verifySQLVersions,
        Verification.verifyServersInFarmPage, Verification.forceUpgradeIfFailed,
        Backups.backupAfterUpdate, AfterUpdate.removeTemporaryPermissions, AfterUpdate.addNewServers,
    ]

    static func steps(_ context: PlanContext) -> [Plan.Step] {
        all.compactMap { $0.step(context) }
    }

    static func rule(_ id: String) -> StepRule? {
        all.first { $0.id == id }
    }
}
