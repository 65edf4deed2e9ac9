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
        return [Plan.Warning(code: "detach-unsafe-for-target",
                             message: "Content databases stay attached: databases from before \(context.target.name) cannot be upgraded by attaching them to a farm at it. Take the re-released update or a later one to detach them.")]
    }

    /// Seed: a content database with Project Server sites is never detached.
    static func projectServerStaysAttached(_ contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        guard !contentDatabases.keepAttached.isEmpty else { return [] }
        let names = contentDatabases.keepAttached.map(\.name).joined(separator: ", ")
        return [Plan.Warning(code: "project-server-databases-stay-attached",
                             message: "Content databases with Project Server sites stay attached: \(names). To detach them in a later update, first extract the Project Web Access site data to a new content database.")]
    }

    /// Seed, "Large farm optimization": alternate access mappings on temporary servers must match.
    static func alternateAccessMappings(_ contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        guard contentDatabases.parallelUpgradeServers > 0 else { return [] }
        return [Plan.Warning(code: "parallel-upgrade-alternate-access-mappings",
                             message: "Configure alternate access mappings on the \(contentDatabases.parallelUpgradeServers) temporary upgrade server(s) exactly as on the original servers; otherwise databases are upgraded with wrong URLs in their content, which only Microsoft Product Services can correct.")]
    }

    /// Seed: a reattached database is crawled in full, unless the Infrastructure Update kept its
    /// GUID and change log, which it does only for databases detached from a farm that runs it.
    static func fullCrawlAfterAttach(_ context: PlanContext, _ contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        guard !contentDatabases.detach.isEmpty, !context.anyServerAtOrPastIU else { return [] }
        return [Plan.Warning(code: "full-crawl-after-attach",
                             message: "The next crawl of each reattached content database is a full crawl, even where an incremental crawl is scheduled; plan for the time and load it takes.")]
    }
}
