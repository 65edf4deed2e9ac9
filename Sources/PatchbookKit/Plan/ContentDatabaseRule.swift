/// Which content databases a large farm detaches for the update, and whether preparetomove runs.
///
/// Seed, "Pre-installation steps" and "Large farm optimization": detach content databases to cut
/// downtime, but never one that holds Project Server sites; run `stsadm -o preparetomove` first,
/// unless the farm already has the Infrastructure Update or later, where it must not run.
/// Facts: a target whose packages cannot upgrade attached databases (`databaseAttachUnsafe`) keeps
/// every database attached.
enum ContentDatabaseRule {
    static func plan(_ context: PlanContext) -> Plan.ContentDatabases {
        guard detaches(context) else {
            return Plan.ContentDatabases(prepareToMove: false, detach: [], keepAttached: [], parallelUpgradeServers: 0)
        }
        let content = context.databases(.content)
        return Plan.ContentDatabases(
            prepareToMove: prepareToMove(context),
            detach: content.filter { !$0.projectServer }.map(entry),
            keepAttached: content.filter(\.projectServer).map(entry),
            parallelUpgradeServers: context.farm.largeFarm?.parallelUpgradeServers ?? 0)
    }

    /// The farm asked to detach, it is a farm installation with packages to install, and the target allows it.
    static func detaches(_ context: PlanContext) -> Bool {
        guard let largeFarm = context.farm.largeFarm, largeFarm.detachContentDatabases, context.updatesFarm else { return false }
        return !context.target.databaseAttachUnsafe
    }

    /// preparetomove is an Office SharePoint Server operation, and only for farms before the Infrastructure Update.
    static func prepareToMove(_ context: PlanContext) -> Bool {
        context.hasMOSS && !context.anyServerAtOrPastIU
    }

    private static func entry(_ database: Database) -> Plan.ContentDatabase {
        Plan.ContentDatabase(
            name: database.name.value, server: database.server.value,
            webApplication: database.webApplication?.value)
    }
}
