/// Seed, "Verify update completion and success" (`VerificationRule` gives the values to expect).
enum VerificationSteps {
    /// Upgrade.log on each server names the configuration database in two success lines.
    static let verifyUpgradeLog = StepRule(
        id: "verify-upgrade-log", phase: .verify, section: .verify,
        scope: StepRule.farmOnly { .init(servers: $0.serverOrder) })

    /// Microsoft.SharePoint.portal.dll and the uninstall key's DisplayVersion on each server.
    static let verifyFileAndRegistryVersions = StepRule(
        id: "verify-file-and-registry-versions", phase: .verify, section: .verify,
        scope: StepRule.farmOnly { .init(servers: $0.serverOrder) })

    /// The Versions table of the configuration database shows whether the wizard ran.
    static let verifySQLVersions = StepRule(
        id: "verify-sql-versions", phase: .verify, section: .verify,
        scope: StepRule.farmOnly { .init(databases: $0.databaseNames(.config)) })

    /// Servers in Farm in Central Administration shows each server's WSS version.
    static let verifyServersInFarmPage = StepRule(
        id: "verify-servers-in-farm-page", phase: .verify, section: .verify,
        scope: StepRule.farmOnly { .init(servers: Array($0.serverOrder.prefix(1))) })

    /// Where a check fails: fix what Upgrade.log names, then force the upgrade with psconfig.
    static let forceUpgradeIfFailed = StepRule(
        id: "force-upgrade-if-failed", phase: .verify, section: .verify,
        scope: StepRule.farmOnly { _ in .init() })

    /// What each server shows, copied into the evidence folder `patchbook check` reads: the seed's
    /// checks kept as files, after a forced upgrade if one was needed.
    static let collectEvidence = StepRule(
        id: "collect-evidence", phase: .verify, section: .verify,
        scope: StepRule.farmOnly { .init(servers: $0.serverOrder) })
}

/// Seed, "Before you begin" (removing the temporary rights) and "Add new servers to a server farm".
enum AfterUpdate {
    /// The Central Administration application pool identity leaves the local Administrators groups.
    static let removeTemporaryPermissions = StepRule(
        id: "remove-temporary-permissions", phase: .after, section: .beforeYouBegin,
        scope: StepRule.farmOnly { .init(servers: PlanContext.names($0.updatingServers)) })

    /// A new server installs the product, then the updates, then runs the wizard, and never the
    /// wizard before the updates.
    /// It applies also to a farm already at its target.
    static let addNewServers = StepRule(id: "add-new-servers", phase: .after, section: .addNewServers) { context in
        context.isStandalone || context.joiningServers.isEmpty ? nil : .init(servers: PlanContext.names(context.joiningServers))
    }
}
