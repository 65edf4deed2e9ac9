/// A database of the farm, as the steps that act on it list it.
struct DatabaseView: TemplateView {
    var name: String
    var server: String
    var webApplication: String?
    var sizeGB: String?
    var siteCollections: Int?

    static let fields = ViewFields<Self>([
        .init("name", "the database's name") { $0.name },
        .init("server", "its SQL Server") { $0.server },
        .init("webApplication", "its web application's URL, for content databases where given") { $0.webApplication },
        .init("sizeGB", "its size in GB, where given") { $0.sizeGB },
        .init("siteCollections", "its number of site collections, where given") { $0.siteCollections },
    ])
}

/// A row of the change request's permissions table.
struct PermissionRow: TemplateView {
    var account: String
    var grant: String
    var scope: String
    var temporary: Bool

    static let fields = ViewFields<Self>([
        .init("account", "the account, or a note where the description does not name it") { $0.account },
        .init("grant", "the right: local Administrators, dbcreator, access to the databases on a SQL Server...") { $0.grant },
        .init("scope", "the servers, the SQL Server or the database it covers") { $0.scope },
        .init("temporary", "true when it is removed after the update") { $0.temporary },
    ])
}

/// One backup the plan takes.
struct BackupView: TemplateView {
    var item: String
    var kind: String
    var tool: String
    var recoveryModel: String
    var server: String?

    static let fields = ViewFields<Self>([
        .init("item", "what is backed up: a database, the search index, a server") { $0.item },
        .init("kind", "what it is, as pages name it") { $0.kind },
        .init("tool", "sql, stsadm or image") { $0.tool },
        .init("recoveryModel", "simple or full for SQL Server backups, else empty") { $0.recoveryModel },
        .init("server", "the SQL Server or computer it lives on") { $0.server },
    ])
}

/// The free space the search backup needs.
struct BackupSpaceView: TemplateView {
    var knownGB: String
    var missing: [NameView]

    static let fields = ViewFields<Self>([
        .init("knownGB", "the sum of the database sizes given, in GB") { $0.knownGB },
        .init("missing", "the databases whose size is not given (each with name)") { $0.missing },
        .init("hasMissing", "true when some size is not given") { !$0.missing.isEmpty },
    ])
}

/// The large-farm optimization's databases.
struct ContentDatabasesView: TemplateView {
    var prepareToMove: Bool
    var detach: [ContentDatabaseView]
    var keepAttached: [ContentDatabaseView]
    var fullCrawl: Bool
    var parallelUpgradeServers: Int

    static let fields = ViewFields<Self>([
        .init("prepareToMove", "true when preparetomove runs before the detach") { $0.prepareToMove },
        .init("detach", "the content databases detached and attached again, in order") { $0.detach },
        .init("keepAttached", "the content databases that stay attached (Project Server sites)") { $0.keepAttached },
        .init("hasKeepAttached", "true when some stay attached") { !$0.keepAttached.isEmpty },
        .init("fullCrawl", "true when the next crawl of an attached database is a full crawl") { $0.fullCrawl },
        .init("parallelUpgradeServers", "the number of temporary upgrade farms") { $0.parallelUpgradeServers },
    ])
}

struct ContentDatabaseView: TemplateView {
    var name: String
    var server: String
    var webApplication: String?

    static let fields = ViewFields<Self>([
        .init("name", "the database's name") { $0.name },
        .init("server", "its SQL Server") { $0.server },
        .init("serverAndName", "SERVER:NAME, as preparetomove takes it") { "\($0.server):\($0.name)" },
        .init("webApplication", "its web application's URL") { $0.webApplication },
    ])
}
