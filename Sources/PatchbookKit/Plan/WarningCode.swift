/// Every warning a plan can carry (plan.json `warnings[].code`), with the facts its text in
/// `Content/warnings.yaml` may name. Tests check the two against each other both ways, so that a
/// warning cannot lack its text, and a text cannot name a fact its warning does not give.
public enum WarningCode: String, CaseIterable, Sendable, Encodable {
    case hotfixNewerThanTarget = "hotfix-newer-than-target"
    case serversAtDifferentLevels = "servers-at-different-levels"
    case mixedArchitectures = "mixed-architectures"
    case windowsServer2008NeedsSP2 = "windows-server-2008-needs-sp2"
    case packageFileUnknown = "package-file-unknown"
    case sp2TrialExpiry = "sp2-trial-expiry"
    case setupAccountUnnamed = "setup-account-unnamed"
    case detachUnsafeForTarget = "detach-unsafe-for-target"
    case projectServerDatabasesStayAttached = "project-server-databases-stay-attached"
    case parallelUpgradeAlternateAccessMappings = "parallel-upgrade-alternate-access-mappings"
    case fullCrawlAfterAttach = "full-crawl-after-attach"
    case parentFarmNotUpdated = "parent-farm-not-updated"
    case sharedServicesLevelUnknown = "shared-services-level-unknown"
    case atTarget = "at-target"
    case hotfixFromSupport = "hotfix-from-support"

    /// The facts the planner gives with this warning (`kbs` and `child` only where they apply).
    public var facts: Set<WarningFact> {
        switch self {
        case .hotfixNewerThanTarget: return [.kb, .build, .target, .targetBuild]
        case .serversAtDifferentLevels: return [.level, .servers]
        case .windowsServer2008NeedsSP2: return [.servers, .target]
        case .packageFileUnknown: return [.level, .levelName, .packages]
        case .detachUnsafeForTarget: return [.target]
        case .projectServerDatabasesStayAttached: return [.databases]
        case .parallelUpgradeAlternateAccessMappings: return [.servers]
        case .parentFarmNotUpdated: return [.parent, .target]
        case .sharedServicesLevelUnknown: return [.child]
        case .atTarget: return [.target]
        case .hotfixFromSupport: return [.target, .kbs]
        case .mixedArchitectures, .sp2TrialExpiry, .setupAccountUnnamed, .fullCrawlAfterAttach: return []
        }
    }
}

/// A fact a warning's text can name. Rules give facts by these names, so that a misspelt fact is
/// a compile error, not a text with a hole in it.
public enum WarningFact: String, CaseIterable, Sendable {
    case kb, build, target, targetBuild, level, levelName, servers, packages, databases, parent, child, kbs

    /// What the fact holds, for docs/templates.md.
    public var meaning: String {
        switch self {
        case .kb: return "the hotfix's Knowledge Base number"
        case .build: return "the hotfix's build"
        case .target: return "the target level (its id, or its name where the text says so)"
        case .targetBuild: return "the target's build"
        case .level: return "a level id"
        case .levelName: return "that level's name"
        case .servers: return "server names, comma-separated (or a number of temporary servers)"
        case .packages: return "the packages concerned, separated by '; '"
        case .databases: return "database names, each in double quotes, comma-separated"
        case .parent: return "the parent farm's level"
        case .child: return "present (true) for a child farm only"
        case .kbs: return "the hotfix's KB numbers, where the catalog gives them"
        }
    }
}
