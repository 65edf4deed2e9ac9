/// Warnings of the large-farm optimization (seed, "Pre-installation steps" and "Large farm
/// optimization"; facts for the August 2009 cumulative update).
enum LargeFarmWarnings {
    static func all(_ context: PlanContext, _ contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        detachUnsafeForTarget(context) + projectServerStaysAttached(contentDatabases)
            + alternateAccessMappings(contentDatabases) + fullCrawlAfterAttach(context, contentDatabases)
    }

    /// Facts: databases older than the August 2009 CU could not be upgraded by attaching them.
    static func detachUnsafeForTarget(_ context: PlanContext) -> [Plan.Warning] {
        guard context.farm.largeFarm?.detachContentDatabases == true, context.target.databaseAttachUnsafe else { return [] }
        return [Plan.Warning(code: .detachUnsafeForTarget, facts: [.target: context.target.name])]
    }

    /// Seed: a content database with Project Server sites is never detached.
    static func projectServerStaysAttached(_ contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        guard !contentDatabases.keepAttached.isEmpty else { return [] }
        // Quoted: a database name may hold commas and spaces, never a double quote.
        let names = contentDatabases.keepAttached.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return [Plan.Warning(code: .projectServerDatabasesStayAttached, facts: [.databases: names])]
    }

    /// Seed, "Large farm optimization": alternate access mappings on temporary servers must match.
    static func alternateAccessMappings(_ contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        guard contentDatabases.parallelUpgradeServers > 0 else { return [] }
        return [
            Plan.Warning(
                code: .parallelUpgradeAlternateAccessMappings,
                facts: [.servers: String(contentDatabases.parallelUpgradeServers)])
        ]
    }

    /// Seed: a reattached database is crawled in full, unless the Infrastructure Update kept its
    /// GUID and change log, which it does only for databases detached from a farm that runs it.
    static func fullCrawlAfterAttach(_ context: PlanContext, _ contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        guard !contentDatabases.detach.isEmpty, !context.anyServerAtOrPastIU else { return [] }
        return [Plan.Warning(code: .fullCrawlAfterAttach)]
    }
}
