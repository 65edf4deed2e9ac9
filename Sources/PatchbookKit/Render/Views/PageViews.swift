/// What every page and script of one farm sees, worked out once per farm.
struct FarmBaseView: TemplateView {
    var farm: Shared<FarmView>
    var packages: [PackageView]
    var packs: [PackageView]
    var servers: [Shared<ServerView>]
    var serverList: String
    var serverCount: String
    var databaseCount: String
    var sqlServers: [NameView]
    var setupAccount: String
    var temporaryAccount: AccountView?
    var permissions: [PermissionRow]
    var backups: [BackupView]
    var backupSpace: BackupSpaceView?
    var contentDatabases: ContentDatabasesView
    var verification: VerificationView?
    var warnings: [WarningView]
    var hasUpdates: Bool
    var window: WindowView?
    var verifySteps: VerifyStepsView
    var rollback: RollbackView
    var change: Shared<ChangeView>
    var hasStatus: Bool

    static let fields = ViewFields<Self>([
        .init("farm", "the farm") { $0.farm },
        .init("packages", "the farm-wide packages in install order (each a package)") { $0.packages },
        .init("packs", "the farm-wide language template packs (each a pack)") { $0.packs },
        .init("hasPacks", "true when there are language template packs") { !$0.packs.isEmpty },
        .init("servers", "every server, as listed in the description (each a server)") { $0.servers },
        .init("serverList", "the server names, comma-separated") { $0.serverList },
        .init("serverCount", "the number of servers that complete the Configuration Wizard") { $0.serverCount },
        .init("databaseCount", "the number of databases") { $0.databaseCount },
        .init("sqlServers", "each SQL Server of the farm once (each with name)") { $0.sqlServers },
        .init("setupAccount", "the setup account, or a note where the description does not name it") { $0.setupAccount },
        .init("temporaryAccount", "the account added to the local Administrators for the update only") { $0.temporaryAccount },
        .init("permissions", "the rights to request (each a permission row)") { $0.permissions },
        .init("hasPermissions", "true when there are rights to request") { !$0.permissions.isEmpty },
        .init("backups", "every backup the plan takes (each a backup)") { $0.backups },
        .init("sqlBackups", "the backups taken with SQL Server") { $0.backups.filter { $0.tool == Plan.BackupTool.sql.rawValue } },
        .init("hasBackups", "true when the plan takes backups") { !$0.backups.isEmpty },
        .init("backupSpace", "the free space the search backup needs") { $0.backupSpace },
        .init("contentDatabases", "the large-farm optimization's databases") { $0.contentDatabases },
        .init("verification", "the values the farm shows once updated") { $0.verification },
        .init("warnings", "the plan's warnings (each a warning)") { $0.warnings },
        .init("hasWarnings", "true when the plan has warnings") { !$0.warnings.isEmpty },
        .init("hasUpdates", "true when any server installs anything") { $0.hasUpdates },
        .init("window", "what is down from which step to which") { $0.window },
        .init("verifySteps", "the step numbers of the verification steps") { $0.verifySteps },
        .init("rollback", "the way back, from the backups") { $0.rollback },
        .init("change", "the change's details, duration estimate and risk rating") { $0.change },
        .init("hasStatus", "true when the site has the farm's status page (build --evidence)") { $0.hasStatus },
    ])
}

struct AccountView: TemplateView {
    var account: String

    static let fields = ViewFields<Self>([.init("account", "DOMAIN\\user") { $0.account }])
}

/// One page or script: the farm's values, its procedure, and on a checklist its server.
struct PageView: TemplateView {
    var base: Shared<FarmBaseView>
    var phases: [PhaseView] = []
    var onServer: Shared<ServerView>?

    static let fields = ViewFields<Self>([
        .init("phases", "the procedure by phase, with the steps this page shows") { $0.phases },
        .init("hasPhases", "true when the page shows any step") { !$0.phases.isEmpty },
        .init("onServer", "on a server's checklist and in its script: that server") { $0.onServer },
    ])

    var parentView: (any TemplateView)? { base }

    /// The page's own names first, then the farm's.
    func value(_ name: FieldName) -> TemplateValue { value(name, orElseOf: base) }
}

/// What a step's prose sees: its page, and `step`.
struct StepScopeView: TemplateView {
    var page: PageView
    var step: StepFactsView

    static let fields = ViewFields<Self>([.init("step", "the step's servers, databases and level") { $0.step }])

    var parentView: (any TemplateView)? { page }

    private static let stepName = FieldName("step")

    func value(_ name: FieldName) -> TemplateValue {
        name.id == Self.stepName.id ? .view(step) : page.value(name)
    }
}

struct PhaseView: TemplateView {
    var title: String
    var steps: [StepView]
    var phase: Plan.Phase

    static let fields = ViewFields<Self>([
        .init("title", "the phase's title") { $0.title },
        .init("isVerification", "true for the verification phase") { $0.phase == .verify },
        .init("steps", "its steps, in order") { $0.steps },
        .init("stepTitles", "'N. Title' of each step, separated by '; '") { phase in
            phase.steps.map { "\($0.number). \($0.title)" }.joined(separator: "; ")
        },
    ])
}

struct StepView: TemplateView {
    var rule: String
    var number: String
    var title: String
    var waitFor: String?
    var body: String?
    /// The servers that take part, where the step names some.
    var servers: [String] = []

    static let fields = ViewFields<Self>([
        .init("rule", "the rule id") { $0.rule },
        .init("number", "its number in the farm procedure") { $0.number },
        .init("title", "its title (with the level, for install steps)") { $0.title },
        .textOrFalse("waitFor", "on a checklist, the server to wait for before this one, else false") { $0.waitFor },
        .init("body", "its prose, rendered for this page (Markdown)") { $0.body },
        .textOrFalse("serverList", "the servers that take part, comma-separated, where at most 20; else false") { step in
            step.servers.isEmpty || step.servers.count > 20 ? nil : step.servers.joined(separator: ", ")
        },
    ])
}

/// The facts a step's prose reads under `step`.
struct StepFactsView: TemplateView {
    var servers: [StepServerView]
    var databases: [DatabaseView]
    var level: LevelView?
    var groups: [InstallGroupView] = []
    var packages: [PackageView] = []

    static let fields = ViewFields<Self>([
        .init("servers", "the servers that take part, in order") { $0.servers },
        .init("serverList", "their names, comma-separated") { $0.servers.map(\.name).joined(separator: ", ") },
        // Checklists name the other servers only while they are few, so that a farm's pages grow
        // linearly with its servers.
        .init("fewServerList", "their names, comma-separated, where there are at most 20") { facts in
            facts.servers.count <= 20 ? facts.servers.map(\.name).joined(separator: ", ") : nil
        },
        .init("serverCount", "how many servers take part") { String($0.servers.count) },
        .init("databases", "the databases it acts on (each a database)") { $0.databases },
        .init("level", "for a level's install step: the level") { $0.level },
        .init("groups", "for an install step on the farm page: the servers by what they install") { $0.groups },
        .init("packages", "for an install step on a checklist: this server's packages or packs of the level") { $0.packages },
    ])
}

struct StepServerView: TemplateView {
    var name: String

    static let fields = ViewFields<Self>([
        .init("name", "the server's name") { $0.name },
        .init("configureCommand", "its script's configure command line") { FarmPages.installScript($0.name) + " configure" },
    ])
}

/// Servers that install the same packages in a level's step, listed once.
struct InstallGroupView: TemplateView {
    var names: [String]
    var architecture: String
    var packages: [PackageView]

    static let fields = ViewFields<Self>([
        .init("names", "the servers, comma-separated") { $0.names.joined(separator: ", ") },
        .init("architecture", "their architecture") { $0.architecture },
        .init("packages", "what they install in this step (packages or packs)") { $0.packages },
    ])
}
