/// Seed, "Pre-installation steps" (last point), "Installation steps" (attaching) and "Large farm
/// optimization". `ContentDatabaseRule` decides which databases move.
enum LargeFarm {
    /// `stsadm -o preparetomove` for each database to detach, so that membership and profile
    /// synchronization resumes after the attach; never at or after the Infrastructure Update.
    static let prepareToMove = StepRule(
        id: "prepare-to-move", phase: .preInstall, section: .largeFarm,
        scope: StepRule.farmOnly { context in
            guard ContentDatabaseRule.detaches(context), ContentDatabaseRule.prepareToMove(context) else { return nil }
            return scope(context, detached(context))
        })

    /// Every content database but those with Project Server sites is detached from its web application.
    static let detachContentDatabases = StepRule(
        id: "detach-content-databases", phase: .preInstall, section: .largeFarm,
        scope: StepRule.farmOnly { context in
            ContentDatabaseRule.detaches(context) ? scope(context, detached(context)) : nil
        })

    /// Temporary single-server farms upgrade detached databases in parallel; their alternate access
    /// mappings must match the original servers'.
    static let parallelContentUpgrade = StepRule(
        id: "parallel-content-upgrade", phase: .postInstall, section: .largeFarm,
        scope: StepRule.farmOnly { context in
            guard ContentDatabaseRule.detaches(context), (context.farm.largeFarm?.parallelUpgradeServers ?? 0) > 0 else { return nil }
            return .init(databases: detached(context))
        })

    /// Attached again one at a time (seed L792): attaching upgrades the database.
    static let attachContentDatabases = StepRule(
        id: "attach-content-databases", phase: .postInstall, section: .installation,
        scope: StepRule.farmOnly { context in
            ContentDatabaseRule.detaches(context) ? scope(context, detached(context)) : nil
        })

    /// Seed L684-L700: databases upgraded on additional computers and attached without
    /// preparetomove are brought back in step with the Shared Services Provider through
    /// `stsadm -o sync` (an Office SharePoint Server operation). The seed's procedure uses
    /// preparetomove (L714), which it forbids after the Infrastructure Update (L594); the prose
    /// gives the path without it.
    static let synchronizeContentDatabases = StepRule(
        id: "synchronize-content-databases", phase: .postInstall,
        section: .installation,
        scope: StepRule.farmOnly { context in
            guard ContentDatabaseRule.detaches(context), context.hasMOSS, !ContentDatabaseRule.prepareToMove(context),
                (context.farm.largeFarm?.parallelUpgradeServers ?? 0) > 0
            else { return nil }
            return scope(context, detached(context))
        })

    private static func detached(_ context: PlanContext) -> [String] {
        ContentDatabaseRule.plan(context).detach.map(\.name)
    }

    /// Commands run on the Central Administration server.
    private static func scope(_ context: PlanContext, _ databases: [String]) -> StepRule.Scope {
        .init(servers: PlanContext.names(context.centralAdmin.map { [$0] } ?? []), databases: databases)
    }
}
