/// Seed, "Pre-installation steps": what to back up before the update, with which tool and which
/// recovery model.
/// - search: a full backup of the Shared Services Provider and the search index, from Central
///   Administration or stsadm, on a drive with room for the whole farm;
/// - configuration and Central Administration content databases: SQL Server, simple recovery model;
/// - every content database, My Sites included: full recovery model, so no log is truncated;
/// - the single sign-on database: SQL Server, simple recovery model;
/// - front-end web servers: an image when their customizations are not documented well enough to rebuild.
enum BackupRule {
    static func backups(_ context: PlanContext) -> [Plan.Backup] {
        guard context.updatesFarm else { return [] }
        return search(context) + sql(context, .config, .config, .simple) + sql(context, .centralAdminContent, .centralAdminContent, .simple)
            + sql(context, .content, .content, .full) + sql(context, .sso, .sso, .simple) + frontEndImages(context)
    }

    static func search(_ context: PlanContext) -> [Plan.Backup] {
        let databases = context.databases(.ssp, .search).map {
            Plan.Backup(
                item: $0.name.value, kind: $0.kind == .ssp ? .ssp : .search, tool: .stsadm, recoveryModel: nil, server: $0.server.value)
        }
        let indexers = context.updatingServers.filter { $0.has(.index) }.map {
            Plan.Backup(item: "search index", kind: .index, tool: .stsadm, recoveryModel: nil, server: $0.name.value)
        }
        return databases + indexers
    }

    private static func sql(
        _ context: PlanContext, _ kind: Database.Kind, _ backup: Plan.BackupKind,
        _ recoveryModel: Plan.RecoveryModel
    ) -> [Plan.Backup] {
        context.databases(kind).map {
            Plan.Backup(item: $0.name.value, kind: backup, tool: .sql, recoveryModel: recoveryModel, server: $0.server.value)
        }
    }

    static func frontEndImages(_ context: PlanContext) -> [Plan.Backup] {
        guard !context.farm.customizations.frontEndDocumented else { return [] }
        return context.webServers.map {
            Plan.Backup(item: $0.name.value, kind: .frontEnd, tool: .image, recoveryModel: nil, server: $0.name.value)
        }
    }

    /// The search backup fails without free space for the entire farm: the sum of every database's size.
    static func space(_ context: PlanContext) -> Plan.BackupSpace? {
        guard context.updatesFarm else { return nil }
        let known = context.farm.databases.compactMap(\.sizeGB).reduce(0, +)
        return Plan.BackupSpace(
            knownGB: known,
            databasesWithoutSize: context.farm.databases.filter { $0.sizeGB == nil }.map(\.name.value))
    }
}
