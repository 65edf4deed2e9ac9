import Foundation

/// The render stage for `patchbook build`: the site's own pages (every farm, the catalog, the
/// stylesheet) and each farm's folder. Pure: plans and templates in, files by relative path out.
public enum SitePages {
    public struct FarmInput: Sendable {
        public let farm: Farm
        public let plan: Plan

        public init(farm: Farm, plan: Plan) {
            self.farm = farm
            self.plan = plan
        }
    }

    /// The site's top-level files: index, catalog and assets.
    public static func siteFiles(farms: [FarmInput], catalog: Catalog, templates: Templates) -> [String: Data] {
        var files = templates.assets
        add(&files, "index", "markdown/index.md", indexValues(farms, templates), title: "SharePoint update plans", templates: templates)
        add(&files, "catalog", "markdown/catalog.md", catalogValues(catalog), title: "Update catalog", templates: templates)
        return files
    }

    static func indexValues(_ farms: [FarmInput], _ templates: Templates) -> FarmContext.Values {
        ["farms": farms.map { input -> FarmContext.Values in
            ["id": input.plan.farm.id, "name": input.plan.farm.name,
             "productName": templates.label("product.\(input.plan.farm.product)"), "installation": input.plan.farm.installation,
             "current": input.plan.current.name, "target": input.plan.target.name]
        }]
    }

    static func catalogValues(_ catalog: Catalog) -> FarmContext.Values {
        ["rows": CatalogListing(catalog).levels.map { row -> FarmContext.Values in
            ["level": row.level, "name": row.name, "kind": row.kind, "released": row.released, "build": row.build,
             "product": row.product, "kb": row.kb, "files": row.files.joined(separator: ", ")]
        }]
    }

    /// One farm's files, by path relative to the output folder (`FARM-ID/...`).
    public static func farmFiles(_ input: FarmInput, templates: Templates) -> [String: Data] {
        let files = FarmPages(farm: input.farm, plan: input.plan, templates: templates).files()
        return Dictionary(uniqueKeysWithValues: files.map { ("\(input.plan.farm.id)/\($0.key)", $0.value) })
    }

    private static func add(_ files: inout [String: Data], _ path: String, _ template: String, _ values: FarmContext.Values,
                            title: String, templates: Templates) {
        let markdown = templates.render(template, values)
        files[path + ".md"] = Data(markdown.utf8)
        files[path + ".html"] = Data(html(markdown, title: title, root: "", kind: path, farmNav: nil, templates: templates).utf8)
    }

    /// A standalone HTML5 page: the Markdown through cmark, inside the layout.
    static func html(_ markdown: String, title: String, root: String, kind: String, farmNav: FarmContext.Values?,
                     templates: Templates) -> String {
        templates.render("html/layout.html", layoutValues(CommonMark.html(markdown), title: title, root: root, kind: kind, farmNav: farmNav))
    }

    static func layoutValues(_ body: String, title: String, root: String, kind: String, farmNav: FarmContext.Values?) -> FarmContext.Values {
        var values: FarmContext.Values = ["title": title, "root": root, "kind": kind, "body": body]
        values["farmNav"] = farmNav
        return values
    }
}
