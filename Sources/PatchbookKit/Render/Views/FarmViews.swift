/// The farm as every page of it sees it (`farm`).
struct FarmView: TemplateView {
    var id: String
    var name: String
    var productName: String
    var isMOSS: Bool
    var isStandalone: Bool
    var isParent: Bool
    var isChild: Bool
    var current: LevelView
    var target: LevelView
    var languages: String
    var solutions: [NameView]
    var frontEndDocumented: Bool
    var otherFarmLevel: String?
    var packageShare: String?
    var backupShare: String?
    var sharedServicesProvider: String?
    var centralAdminServer: String?
    var centralAdminUrl: String?

    static let fields = ViewFields<Self>([
        .init("id", "the farm's id, its folder name") { $0.id },
        .init("name", "the farm's display name") { $0.name },
        .init("productName", "Office SharePoint Server 2007 or Windows SharePoint Services 3.0") { $0.productName },
        .init("isMOSS", "true for an Office SharePoint Server farm") { $0.isMOSS },
        .init("isStandalone", "true for a stand-alone (Basic) installation") { $0.isStandalone },
        .init("isParent", "true when the farm provides shared services to others") { $0.isParent },
        .init("isChild", "true when the farm uses a parent farm's shared services") { $0.isChild },
        .init("current", "the level the farm is at (a level)") { $0.current },
        .init("target", "the level it is updated to (a level)") { $0.target },
        .init("languages", "the base language and the language packs, comma-separated") { $0.languages },
        .init("solutions", "the solution packages deployed (each with name)") { $0.solutions },
        .init("frontEndDocumented", "true when the front-end customizations are documented") { $0.frontEndDocumented },
        .init("otherFarmLevel", "the other farm's level in a shared-services pair, where given") { $0.otherFarmLevel },
        .init("packageShare", "where the packages are kept, where given") { $0.packageShare },
        .init("backupShare", "where the backups go, where given") { $0.backupShare },
        .init("sharedServicesProvider", "the Shared Services Provider's name, where given") { $0.sharedServicesProvider },
        .init("centralAdminServer", "the server hosting Central Administration") { $0.centralAdminServer },
        .init("centralAdminUrl", "http://SERVER:PORT/ of Central Administration, where the port is given") { $0.centralAdminUrl },
    ])
}

/// A level of the catalog as pages show it.
struct LevelView: TemplateView {
    var level: String
    var name: String
    var build: String

    static let fields = ViewFields<Self>([
        .init("level", "the level id, such as sp2") { $0.level },
        .init("name", "the level's name, such as Service Pack 2") { $0.name },
        .init("build", "its Microsoft.SharePoint.portal.dll build") { $0.build },
    ])
}

/// Anything listed by its name alone: a SQL Server, a solution, a database without its size.
struct NameView: TemplateView {
    var name: String

    static let fields = ViewFields<Self>([.init("name", "the name") { $0.name }])
}

/// One package, or one language template pack, that a server or the farm installs.
struct PackageView: TemplateView {
    var order: Int
    var product: String
    var productName: String
    var level: String
    var levelName: String
    var architecture: String
    var language: String
    var languageName: String
    var kb: String
    var file: String
    var known: Bool
    var path: String?
    var description: String
    /// The Knowledge Base number, for the change request's sources.
    var kbNumber: Int?

    static let fields = ViewFields<Self>([
        .init("order", "its place in the list, from 1") { $0.order },
        .init("product", "wss3 or moss2007") { $0.product },
        .init("productName", "the product's name") { $0.productName },
        .init("level", "the level id it belongs to") { $0.level },
        .init("levelName", "that level's name") { $0.levelName },
        .init("architecture", "x86 or x64") { $0.architecture },
        .init("language", "its language tag, glb for a global package, or unknown") { $0.language },
        .init("languageName", "the language as pages name it (global for glb)") { $0.languageName },
        .init("kb", "KB followed by its Knowledge Base number, or unknown") { $0.kb },
        .init("file", "its file name, or a note that the catalog does not give it") { $0.file },
        .init("known", "true when the catalog gives the file name") { $0.known },
        .init("path", "the file on the package share (or its bare name), where known") { $0.path },
        .init("description", "product, level, language and file in one line, for scripts") { $0.description },
    ])
}
