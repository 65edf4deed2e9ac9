/// The site's index of farms (`markdown/index.md`).
struct IndexView: TemplateView {
    var farms: [IndexFarmView]

    static let fields = ViewFields<Self>([.init("farms", "every farm built, by id") { $0.farms }])
}

struct IndexFarmView: TemplateView {
    var id: String
    var name: String
    var productName: String
    var installation: String
    var current: String
    var target: String

    static let fields = ViewFields<Self>([
        .init("id", "the farm's id, its folder") { $0.id },
        .init("name", "its display name") { $0.name },
        .init("productName", "its product's name") { $0.productName },
        .init("installation", "farm or standalone") { $0.installation },
        .init("current", "the current level's name") { $0.current },
        .init("target", "the target level's name") { $0.target },
    ])
}

/// The catalog page (`markdown/catalog.md`).
struct CatalogView: TemplateView {
    var rows: [CatalogRowView]

    static let fields = ViewFields<Self>([.init("rows", "a row per level and product") { $0.rows }])
}

struct CatalogRowView: TemplateView {
    var level: String
    var name: String
    var kind: String
    var released: String
    var build: String
    var product: String
    var kb: String
    var files: String

    static let fields = ViewFields<Self>([
        .init("level", "the level id") { $0.level },
        .init("name", "the level's name") { $0.name },
        .init("kind", "service-pack, cumulative-update...") { $0.kind },
        .init("released", "its release date, or unknown") { $0.released },
        .init("build", "its Microsoft.SharePoint.portal.dll build") { $0.build },
        .init("product", "wss3 or moss2007") { $0.product },
        .init("kb", "its Knowledge Base number, or unknown") { $0.kb },
        .init("files", "its package file patterns, comma-separated") { $0.files },
    ])
}

/// The HTML page around every page's body (`html/layout.html`).
struct LayoutView: TemplateView {
    var title: String
    var root: String
    var kind: String
    var body: String
    var farmNav: FarmNavView?

    static let fields = ViewFields<Self>([
        .init("title", "the page's title") { $0.title },
        .init("root", "the path back to the site's top, such as ../") { $0.root },
        .init("kind", "farm, change-request, server, index or catalog") { $0.kind },
        .init("body", "the page's HTML") { $0.body },
        .init("farmNav", "on a farm's pages: the farm's id and name") { $0.farmNav },
    ])
}

struct FarmNavView: TemplateView {
    var id: String
    var name: String

    static let fields = ViewFields<Self>([
        .init("id", "the farm's id") { $0.id },
        .init("name", "the farm's name") { $0.name },
    ])
}

/// The terminal summary of `patchbook plan` (`text/plan.txt`): the farm's values, plus a line per step.
struct PlanSummaryView: TemplateView {
    var base: FarmBaseView
    var serverOrderText: String
    var stepLines: [StepLineView]

    static let fields = ViewFields<Self>([
        .init("serverOrderText", "the Configuration Wizard order, joined with ' -> '") { $0.serverOrderText },
        .init("stepLines", "a line per step") { $0.stepLines },
    ])

    var parentView: (any TemplateView)? { base }

    func value(_ name: FieldName) -> TemplateValue { value(name, orElseOf: base) }
}

struct StepLineView: TemplateView {
    var phase: String
    var rule: String
    var level: String?
    var scope: String

    static let fields = ViewFields<Self>([
        .init("phase", "the step's phase, padded to 12 characters") { $0.phase },
        .init("rule", "the rule id") { $0.rule },
        .init("level", "the level an install step installs") { $0.level },
        .init("scope", "its servers and databases, comma-separated") { $0.scope },
        .init("hasScope", "true when it names servers or databases") { !$0.scope.isEmpty },
    ])
}

/// The starter farm description of `patchbook init` (`init/farm.yaml`).
struct StarterView: TemplateView {
    var product: String
    var moss: Bool
    var standalone: Bool
    var file: String

    static let fields = ViewFields<Self>([
        .init("product", "moss2007 or wss3") { $0.product },
        .init("moss", "true for Office SharePoint Server") { $0.moss },
        .init("standalone", "true for a stand-alone installation") { $0.standalone },
        .init("file", "the file name the comments suggest") { $0.file },
    ])
}
