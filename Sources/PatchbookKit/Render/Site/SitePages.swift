import Foundation

/// The render stage for `patchbook build`: the site's own pages (every farm, the catalog, the
/// stylesheet) and each farm's folder. Pure: plans and templates in, files by relative path out.
public enum SitePages {
    public struct FarmInput: Sendable {
        public let farm: Farm
        public let plan: Plan
        /// The evidence check (`build --evidence`): the farm gets a status page.
        public let evidence: FarmEvidence?

        public init(farm: Farm, plan: Plan, evidence: FarmEvidence? = nil) {
            self.farm = farm
            self.plan = plan
            self.evidence = evidence
        }
    }

    /// A farm's line in the site index: all the site pages need of it.
    public struct IndexEntry: Sendable {
        public let id: String
        public let idLocation: SourceLocation
        public let name: String
        public let product: String
        public let installation: String
        public let current: String
        public let target: String

        /// Nil when a level does not resolve, which validation reports first.
        public init?(farm: Farm) {
            guard let levels = farm.levels else { return nil }
            let (current, target) = (levels.current, levels.target)
            id = farm.id.value
            idLocation = farm.id.location
            name = farm.name.value
            product = farm.product.rawValue
            installation = farm.installation.rawValue
            self.current = current.name
            self.target = target.name
        }
    }

    /// The site's top-level files: index, catalog and assets. With `frontMatter`, the Markdown
    /// pages start with their YAML front matter, the index first, the catalog second.
    public static func siteFiles(
        farms: [IndexEntry], catalog: Catalog, templates: Templates, frontMatter: Bool = false
    ) throws -> [String: Data] {
        var files = templates.assets
        let pages: [(path: String, template: String, view: any TemplateView, title: String)] = [
            ("index", "markdown/index.md", indexView(farms, templates), templates.label("title.index")),
            ("catalog", "markdown/catalog.md", catalogView(catalog), templates.label("title.catalog")),
        ]
        for (index, page) in pages.enumerated() {
            let markdown = try templates.render(page.template, page.view)
            files[page.path + ".md"] = (frontMatter ? FrontMatter.block(title: page.title, order: index + 1) : Data()) + Data(markdown.utf8)
            files[page.path + ".html"] = try html(
                markdown, title: page.title, root: "", kind: page.path, farmNav: nil, templates: templates)
        }
        return files
    }

    /// Farms by id (their folder names, unique in a valid build), whatever their order on the
    /// command line, so that one set of farms always gives one index.
    static func indexView(_ farms: [IndexEntry], _ templates: Templates) -> IndexView {
        IndexView(
            farms: farms.sorted { $0.id < $1.id }.map { entry in
                IndexFarmView(
                    id: entry.id, name: entry.name, productName: templates.label("product.\(entry.product)"),
                    installation: entry.installation, current: entry.current, target: entry.target)
            })
    }

    static func catalogView(_ catalog: Catalog) -> CatalogView {
        CatalogView(
            rows: CatalogListing(catalog).levels.map { row in
                CatalogRowView(
                    level: row.level, name: row.name, kind: row.kind, released: row.released, build: row.build,
                    product: row.product, kb: row.kbText, files: row.files.joined(separator: ", "))
            })
    }

    /// One farm's files, by path relative to the output folder (`FARM-ID/...`).
    public static func farmFiles(_ input: FarmInput, templates: Templates, frontMatter: Bool = false) throws -> [String: Data] {
        try farm(input, templates: templates, frontMatter: frontMatter).files
    }

    /// One farm's files, and the HTML pages among them that `build --pdf` prints, by path
    /// relative to the output folder.
    /// With `onEveryCore`, the farm's files are made on every core (`FarmPages.files`).
    static func farm(
        _ input: FarmInput, templates: Templates, frontMatter: Bool, onEveryCore: Bool = true
    ) throws -> (files: [String: Data], printed: [String]) {
        let plan = try WarningTexts.write(input.plan, templates: templates)
        let pages = FarmPages(farm: input.farm, plan: plan, templates: templates, evidence: input.evidence)
        let folder = input.plan.farm.id
        let files = try pages.files(frontMatter: frontMatter, onEveryCore: onEveryCore)
        return (
            Dictionary(uniqueKeysWithValues: files.map { ("\(folder)/\($0.key)", $0.value) }),
            pages.pages().filter(\.isPrinted).map { "\(folder)/\($0.path).html" }
        )
    }

    /// A standalone HTML5 page: the Markdown through cmark, inside the layout. The body, the bulk
    /// of the page, is spliced in as bytes where the layout has `{{{body}}}`, rather than copied
    /// through Mustache's string building.
    static func html(
        _ markdown: String, title: String, root: String, kind: String, farmNav: FarmNavView?,
        templates: Templates
    ) throws -> Data {
        try page(CommonMark.page(markdown).html, title: title, root: root, kind: kind, farmNav: farmNav, templates: templates)
    }

    /// The layout around a body already in HTML (its UTF-8 bytes).
    static func page<Body: Collection<UInt8>>(
        _ body: Body, title: String, root: String, kind: String, farmNav: FarmNavView?,
        templates: Templates
    ) throws -> Data {
        let layout = Array(
            try templates.render("html/layout.html", LayoutView(title: title, root: root, kind: kind, body: bodyMark, farmNav: farmNav))
                .utf8)
        let mark = Array(bodyMark.utf8)
        // The mark starts with a control character, which nothing else in the layout holds.
        guard let start = layout.firstIndex(of: mark[0]), layout[start...].starts(with: mark) else { return Data(layout) }
        var page = Data(capacity: layout.count + body.count)
        page.append(contentsOf: layout[..<start])
        page.append(contentsOf: body)
        page.append(contentsOf: layout[(start + mark.count)...])
        return page
    }

    /// Stands for the body while the layout renders; no value can hold it (control characters are refused).
    private static let bodyMark = "\u{1}patchbook-body\u{1}"

}
