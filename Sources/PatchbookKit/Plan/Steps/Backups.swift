/// Seed, "Pre-installation steps": back up search and every database before the update, shrink the
/// logs, check a restore, and back up again once the update succeeded. `BackupRule` lists the items.
enum Backups {
    /// On an Office SharePoint Server farm always (the Shared Services Provider holds search); on
    /// a WSS 3.0 farm only where the description lists a search database or an index server.
    static let backupSearch = StepRule(
        id: "backup-search", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { context in
            let items = BackupRule.search(context)
            guard context.hasMOSS || !items.isEmpty else { return nil }
            return .init(
                servers: PlanContext.names(context.updatingServers.filter { $0.has(.index) }),
                databases: context.databaseNames(.ssp, .search))
        })

    static let backupConfigDatabases = StepRule(
        id: "backup-config-databases", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(databases: $0.databaseNames(.config, .centralAdminContent)) })

    static let backupContentDatabases = StepRule(
        id: "backup-content-databases", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(databases: $0.databaseNames(.content)) })

    /// Only where the farm has a single sign-on database.
    static let backupSSODatabase = StepRule(
        id: "backup-sso-database", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { context in
            let sso = context.databases(.sso)
            return sso.isEmpty ? nil : .init(databases: PlanContext.names(sso))
        })

    /// Documented customizations are checked; undocumented ones call for an image of each server.
    static let backupFrontEnd = StepRule(
        id: "backup-front-end", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(servers: PlanContext.names($0.webServers)) })

    /// Only where solution packages are deployed.
    static let backupSolutions = StepRule(
        id: "backup-solutions", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { context in
            context.farm.customizations.solutions.isEmpty ? nil : .init()
        })

    static let shrinkLogs = StepRule(
        id: "shrink-logs", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(databases: $0.databaseNames(.config, .centralAdminContent, .content, .sso)) })

    static let verifyRestore = StepRule(
        id: "verify-restore", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { _ in .init() })

    static let backupAfterUpdate = StepRule(
        id: "backup-after-update", phase: .after, section: .preInstallation,
        scope: StepRule.farmOnly { _ in .init() })
}
