/// Seed, "Pre-installation steps" (checks and clean-up; backups are in `Backups`).
enum PreInstallation {
    /// Upgrade timer jobs still running make the update fail: check Timer job status in Central Administration.
    static let checkTimerJobs = StepRule(
        id: "check-timer-jobs", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(servers: PlanContext.names($0.centralAdmin.map { [$0] } ?? [])) })

    /// Orphaned objects in content databases make the update fail: repair or drop them first.
    static let checkOrphanedObjects = StepRule(
        id: "check-orphaned-objects", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(databases: $0.databaseNames(.content)) })

    /// Stop the World Wide Web Publishing Service on every front-end web server so that no user
    /// reaches a server whose files and databases are at another level (also installation step 1).
    static let stopW3SVC = StepRule(
        id: "stop-w3svc", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(servers: PlanContext.names($0.webServers)) })

    /// Before the backup: spread site collections over databases, size content databases, check
    /// page-fill factor and storage practice.
    static let cleanUpBeforeBackup = StepRule(
        id: "clean-up-before-backup", phase: .preInstall, section: .preInstallation,
        scope: StepRule.farmOnly { .init(databases: $0.databaseNames(.content)) })

    /// Site template files edited in place may be overwritten by the update: reapply the edits
    /// afterwards (seed L536), before W3SVC lets users back in.
    static let reapplySiteTemplateCustomizations = StepRule(
        id: "reapply-site-template-customizations", phase: .postInstall,
        section: .preInstallation,
        scope: StepRule.farmOnly { context in
            context.farm.customizations.modifiedSiteTemplates ? .init(servers: PlanContext.names(context.webServers)) : nil
        })
}
