/// The values the farm shows once updated (`verification`).
struct VerificationView: TemplateView {
    var registry: [RegistryView]
    var lines: [String]
    var sqlQuery: String
    var portalDllVersion: String?
    var configDatabase: String?
    var sqlExpectedVersion: String?
    var sqlVersionIncludes: String?
    var serversInFarmUrl: String?
    var serversInFarmVersion: String?

    static let fields = ViewFields<Self>([
        .init("registry", "the registry check of each architecture") { $0.registry },
        .init("lines", "the two Upgrade.log lines of a successful upgrade") { $0.lines },
        .init("sqlQuery", "the Versions table query") { $0.sqlQuery },
        .init("portalDllVersion", "Microsoft.SharePoint.Portal.dll's version at the target (MOSS)") { $0.portalDllVersion },
        .init("configDatabase", "the configuration database's name") { $0.configDatabase },
        .init("sqlExpectedVersion", "the Versions table's highest version, where the catalog gives it") { $0.sqlExpectedVersion },
        .init("sqlVersionIncludes", "digits that version holds, where a source gives only those") { $0.sqlVersionIncludes },
        .init("serversInFarmUrl", "the Servers in Farm page, where the port is given") { $0.serversInFarmUrl },
        .init("serversInFarmVersion", "the version that page shows, where the catalog gives it") { $0.serversInFarmVersion },
    ])
}

/// A warning of the plan, written in words.
struct WarningView: TemplateView {
    var code: String
    var message: String

    static let fields = ViewFields<Self>([
        .init("code", "its code, as plan.json gives it") { $0.code },
        .init("message", "its text") { $0.message },
    ])
}

/// What is down from which step to which, in the farm procedure's numbers (`window`).
struct WindowView: TemplateView {
    var from: String
    var to: String
    var servers: [NameView]
    var centralAdmin: CentralAdminView?
    var detached: StepRangeView?

    static let fields = ViewFields<Self>([
        .init("from", "the step that stops W3SVC") { $0.from },
        .init("to", "the step that starts it again") { $0.to },
        .init("servers", "the servers where it stops (each with name)") { $0.servers },
        .init("centralAdmin", "Central Administration's server and whether it is down meanwhile") { $0.centralAdmin },
        .init("detached", "the steps between which content databases are detached") { $0.detached },
    ])
}

struct CentralAdminView: TemplateView {
    var server: String
    var down: Bool
    var wizardStep: String

    static let fields = ViewFields<Self>([
        .init("server", "the server hosting Central Administration") { $0.server },
        .init("down", "true when W3SVC stops there too") { $0.down },
        .init("wizardStep", "the step that configures it") { $0.wizardStep },
    ])
}

struct StepRangeView: TemplateView {
    var from: String
    var to: String

    static let fields = ViewFields<Self>([
        .init("from", "the first step") { $0.from },
        .init("to", "the last step") { $0.to },
    ])
}

/// The farm numbers of the verification steps (`verifySteps`).
struct VerifyStepsView: TemplateView {
    var upgradeLog: String?
    var versions: String?
    var sql: String?
    var serversInFarm: String?

    static let fields = ViewFields<Self>([
        .init("upgradeLog", "Read Upgrade.log") { $0.upgradeLog },
        .init("versions", "Check the file and registry versions") { $0.versions },
        .init("sql", "Check the Versions table") { $0.sql },
        .init("serversInFarm", "Check the Servers in Farm page") { $0.serversInFarm },
    ])
}

/// The way back, from what the plan backs up (`rollback`).
struct RollbackView: TemplateView {
    var backupStep: String?
    var configuration: BackupGroupView?
    var content: BackupGroupView?
    var search: BackupGroupView?
    var sso: BackupGroupView?
    var images: BackupGroupView?

    static let fields = ViewFields<Self>([
        .init("backupStep", "the first backup step") { $0.backupStep },
        .init("configuration", "the configuration and Central Administration content backups") { $0.configuration },
        .init("content", "the content database backups") { $0.content },
        .init("search", "the search backup's parts") { $0.search },
        .init("sso", "the single sign-on database backup") { $0.sso },
        .init("images", "the front-end server images") { $0.images },
    ])
}

/// Backups of one kind, listed once under their heading.
struct BackupGroupView: TemplateView {
    var items: [BackupView]

    static let fields = ViewFields<Self>([.init("items", "the backups (each a backup)") { $0.items }])
}
