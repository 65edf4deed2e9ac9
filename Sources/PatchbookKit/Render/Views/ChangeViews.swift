/// What the change request, its plain-text parts and the checklists' headers show of the change:
/// the description's `change:` section, the duration estimate and the risk rating (`change`).
struct ChangeView: TemplateView {
    var ticket: String?
    var implementer: String?
    var justification: String?
    var testEvidence: String?
    var testEvidenceIsLink: Bool
    var contacts: [PersonView]
    var approvers: [PersonView]
    var schedule: ScheduleView
    var risk: RiskView
    var impact: ImpactView
    var sources: [SourceView]

    static let fields = ViewFields<Self>([
        .init("ticket", "the change ticket's number, where given") { $0.ticket },
        .init("implementer", "who carries out the change, where given") { $0.implementer },
        .init("justification", "why the change is made, where given") { $0.justification },
        .init("testEvidence", "how the update was tested, where given (text or a URL)") { $0.testEvidence },
        .init("testEvidenceIsLink", "true when the test evidence is an http(s) URL") { $0.testEvidenceIsLink },
        .init("contacts", "whom to call during the window (each a person)") { $0.contacts },
        .init("approvers", "who signs the change request (each a person)") { $0.approvers },
        .init("schedule", "the window, the duration estimate, go/no-go and backout") { $0.schedule },
        .init("risk", "the risk rating and the facts that raise it") { $0.risk },
        .init("impact", "what the users lose during the window") { $0.impact },
        .init("sources", "the Knowledge Base articles of the packages, in install order (each a source)") { $0.sources },
        .init("hasSources", "true when any package's Knowledge Base article is known") { !$0.sources.isEmpty },
    ])
}

struct PersonView: TemplateView {
    var name: String
    var role: String?
    var phone: String?

    static let fields = ViewFields<Self>([
        .init("name", "the person's name") { $0.name },
        .init("role", "their role, where given") { $0.role },
        .init("phone", "their phone number, where given") { $0.phone },
    ])
}

/// When the work happens and how long it takes. Times are clock times in the window's offset
/// where the description gives the window; otherwise only durations are known.
struct ScheduleView: TemplateView {
    var start: String?
    var end: String?
    var date: String?
    var zone: String?
    var hours: String?
    var phases: [EstimatePhaseView]
    var total: String
    var goNoGoStep: String?
    var goNoGoAfter: String
    var goNoGoAt: String?
    var latestGo: String?
    var backout: String?
    var backoutStartBy: String?
    var overWindow: String?
    var noRoomForBackout: String?
    var backupGB: String
    var restoreGB: String
    var unsized: [NameView]
    var assumptions: AssumptionsView

    static let fields = ViewFields<Self>([
        .init("start", "the window's start, date and time, where given") { $0.start },
        .init("end", "the window's end, date and time, where given") { $0.end },
        .init("date", "the window's start date, where given") { $0.date },
        .init("zone", "the window's offset from UTC, such as UTC+01:00, where given") { $0.zone },
        .init("hours", "the window's length, such as 18 h or 6 h 30 min, where given") { $0.hours },
        .init("phases", "the estimate of each phase in the window (each an estimate phase)") { $0.phases },
        .init("total", "the estimate of the whole window's work, such as 4 h 35 min") { $0.total },
        .init("goNoGoStep", "the step before which go or no-go is decided, where anything is installed") { $0.goNoGoStep },
        .init("goNoGoAfter", "the estimated time from the window's start to the go/no-go point") { $0.goNoGoAfter },
        .init("goNoGoAt", "the clock time of the go/no-go point, where the window is given") { $0.goNoGoAt },
        .init("latestGo", "the latest go that leaves room in the window for the work and a backout, where it is not before the planned go")
        {
            $0.latestGo
        },
        .init("backout", "the estimated time to back out, where the plan takes backups to back out with") { $0.backout },
        .init("backoutStartBy", "the latest start of a backout that ends in the window, where there is one") { $0.backoutStartBy },
        .init("overWindow", "how much the estimate exceeds the window, where it does") { $0.overWindow },
        .init("noRoomForBackout", "how much the window lacks for a backout after the work, where the work fits but that does not") {
            $0.noRoomForBackout
        },
        .init("backupGB", "the gigabytes backed up, as far as sizes are given") { $0.backupGB },
        .init("restoreGB", "the gigabytes a backout restores, as far as sizes are given") { $0.restoreGB },
        .init("unsized", "the databases backed up whose size is not given (each with name)") { $0.unsized },
        .init("hasUnsized", "true when a database backed up has no size") { !$0.unsized.isEmpty },
        .init("assumptions", "the throughput figures the estimate uses") { $0.assumptions },
    ])
}

struct EstimatePhaseView: TemplateView {
    var title: String
    var firstStep: String
    var duration: String
    var starts: String

    static let fields = ViewFields<Self>([
        .init("title", "the phase's title") { $0.title },
        .init("firstStep", "the number of its first step") { $0.firstStep },
        .init("duration", "its estimated duration, such as 1 h 20 min") { $0.duration },
        .init("starts", "its planned start: a clock time, or the time after the window's start") { $0.starts },
    ])
}

struct AssumptionsView: TemplateView {
    var backupGBPerHour: String
    var minutesPerPackage: String
    var minutesPerContentDatabase: String
    var minutesPerStep: String
    var hoursToRebuildServer: String

    static let fields = ViewFields<Self>([
        .init("backupGBPerHour", "gigabytes backed up or restored per hour") { $0.backupGBPerHour },
        .init("minutesPerPackage", "minutes per package per server") { $0.minutesPerPackage },
        .init("minutesPerContentDatabase", "minutes per content database upgrade") { $0.minutesPerContentDatabase },
        .init("minutesPerStep", "minutes for any other step, per server") { $0.minutesPerStep },
        .init("hoursToRebuildServer", "hours to rebuild a server when backing out") { $0.hoursToRebuildServer },
    ])
}

/// The rating and each fact that raised it; a fact that did not is absent (or false).
struct RiskView: TemplateView {
    var rating: String
    var reasons: RiskRating.Reasons

    // false rather than absent: a missing name is looked up in every enclosing scope.
    static let fields = ViewFields<Self>([
        .init("rating", "low, medium or high") { $0.rating },
        .init("pointsToSettle", "the number of the plan's warnings, else false") { count($0.reasons.warnings) },
        .init("detachedDatabases", "the number of content databases detached and attached, else false") {
            count($0.reasons.detachAttach)
        },
        .init("mixedLevels", "true when the servers start at different levels") { $0.reasons.mixedLevels },
        .init("servicePacks", "the service packs the update crosses, comma-separated, else false") { risk in
            risk.reasons.servicePacks.isEmpty ? false : risk.reasons.servicePacks.joined(separator: ", ")
        },
        .init("updatedServers", "the number of servers updated where that raises the rating, else false") {
            count($0.reasons.serverCount)
        },
        .init("databaseGB", "the gigabytes backed up where that raises the rating, else false") { risk in
            risk.reasons.databaseGB > 0 ? FarmViewBuilder.number(risk.reasons.databaseGB.rounded()) : false
        },
        .init("unsizedCount", "the number of databases without a size, else false") { count($0.reasons.databasesWithoutSize) },
        .init("exceedsWindowBy", "how much the estimate exceeds the window, else false") { risk in
            risk.reasons.overWindow > 0 ? FarmViewBuilder.duration(risk.reasons.overWindow) : false
        },
        .init("backoutShortBy", "how much the window lacks for a backout after the work, else false") { risk in
            risk.reasons.noRoomForBackout > 0 ? FarmViewBuilder.duration(risk.reasons.noRoomForBackout) : false
        },
        .init("noBackup", "true when the update is installed without a planned backup") { $0.reasons.noBackup },
    ])

    private static func count(_ value: Int) -> Any { value > 0 ? String(value) : false }
}

/// What the users lose while the sites are offline, from the databases the description lists.
struct ImpactView: TemplateView {
    var webApplications: [WebApplicationView]
    var siteCollections: String?
    var mySites: Bool
    var projectServer: Bool

    static let fields = ViewFields<Self>([
        .init("webApplications", "each web application with content databases (each a web application)") { $0.webApplications },
        .init("siteCollections", "the site collections counted in the description, where given") { $0.siteCollections },
        .init("mySites", "true when a content database holds My Sites") { $0.mySites },
        .init("projectServer", "true when a content database holds Project Server sites") { $0.projectServer },
    ])
}

struct WebApplicationView: TemplateView {
    var url: String
    var databases: String
    var siteCollections: String?

    static let fields = ViewFields<Self>([
        .init("url", "the web application's URL, or a note where the description gives none") { $0.url },
        .init("databases", "the number of its content databases") { $0.databases },
        .init("siteCollections", "the site collections counted, where given") { $0.siteCollections },
    ])
}

/// A Knowledge Base article the change relies on.
struct SourceView: TemplateView {
    var kb: String
    var url: String
    var what: String

    static let fields = ViewFields<Self>([
        .init("kb", "KB and its number") { $0.kb },
        .init("url", "the article's address at support.microsoft.com") { $0.url },
        .init("what", "what the package is: product and level") { $0.what },
    ])
}
