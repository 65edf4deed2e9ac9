/// Seed, "Intended audience and article scope" and "Before you begin".
enum BeforeYouBegin {
    /// Seed, "Stand-alone installations": a Basic install is updated through Automatic Updates or
    /// Windows Update / Microsoft Update, and the Configuration Wizard runs by itself for service
    /// packs (by hand after a hotfix installer package); none of the farm procedure applies.
    static let standaloneUpdate = StepRule(id: "standalone-update", phase: .install, section: .standAlone) { context in
        context.isStandalone && !context.nothingToInstall ? .init(servers: PlanContext.names(context.farm.servers)) : nil
    }

    /// Seed, "Before you begin": schedule the least disruptive time and tell users and site owners.
    static let scheduleAndCommunicate = StepRule(
        id: "schedule-and-communicate", phase: .prepare, section: .beforeYouBegin,
        scope: StepRule.farmOnly { _ in .init() })

    /// Seed, "Before you begin": local Administrators on every server, SQL Server access to every
    /// SharePoint database, dbcreator and securityadmin (`PermissionRule` lists them).
    static let grantSetupPermissions = StepRule(
        id: "grant-setup-permissions", phase: .prepare, section: .beforeYouBegin,
        scope: StepRule.farmOnly { .init(servers: PlanContext.names($0.updatingServers)) })

    /// Seed, "Before you begin": where database administrators create and manage the databases,
    /// the SQL Server rights are requested from them ahead of the window.
    static let dbaCreatedDatabases = StepRule(
        id: "dba-created-databases", phase: .prepare, section: .beforeYouBegin,
        scope: StepRule.farmOnly { context in
            context.farm.dbaManagedDatabases ? .init(databases: PlanContext.names(context.farm.databases)) : nil
        })
}
