import Foundation

/// Renders one farm's folder: its wiki page, change request, per-server checklists (Markdown and
/// HTML), scripts and plan.json. Pure: the same farm, plan and templates give the same bytes.
struct FarmPages {
    let farm: Farm
    let plan: Plan
    let templates: Templates
    private let context: FarmContext
    /// The values every page of the farm starts from, worked out once.
    let base: FarmContext.Values
    /// Step bodies, spliced into pages after Mustache renders them.
    private let bodies = PageBodies()
    /// Each step's `step` values by rule (a plan has one step per rule), worked out once for
    /// every page that shows the step.
    private let stepFacts: [String: FarmContext.Values]
    /// Each server's own values (`onServer`) by name, for its checklist and its script.
    private let serverFacts: [String: FarmContext.Values]

    init(farm: Farm, plan: Plan, templates: Templates) {
        self.farm = farm
        self.plan = plan
        self.templates = templates
        context = FarmContext(farm: farm, plan: plan, templates: templates)
        base = Self.pageBase(context, farm: farm, plan: plan, templates: templates)
        serverFacts = Dictionary(farm.servers.map { [context] in ($0.name.value, context.server($0)) }) { first, _ in first }
        let databases = farm.databases.map { [context] in (name: $0.name.value, values: context.database($0)) }
        stepFacts = Dictionary(plan.steps.map { ($0.rule, Self.stepFacts($0, databases: databases)) }) { first, _ in first }
    }

    /// Files by path relative to the farm's folder.
    func files() -> [String: Data] {
        var files: [String: Data] = ["plan.json": Data(JSONOutput.encode(plan).utf8)]
        let nav = navigation
        func page(_ path: String, _ template: String, _ values: FarmContext.Values, title: String, kind: String) {
            let skeleton = render(template, values)
            let markdown = bodies.splice(skeleton)
            files[path + ".md"] = markdown
            let root = String(repeating: "../", count: path.split(separator: "/").count)
            let body = bodies.spliceHTML(CommonMark.html(skeleton)) ?? Array(CommonMark.html(String(decoding: markdown, as: UTF8.self)).utf8)
            files[path + ".html"] = SitePages.page(body, title: title, root: root, kind: kind, farmNav: nav, templates: templates)
        }
        page("index", "markdown/farm.md", base.merging(["phases": phases(for: nil, base: base)]) { $1 }, title: plan.farm.name, kind: "farm")
        page("change-request", "markdown/change-request.md", base.merging(["phases": phases(for: nil, bodies: false, base: base)]) { $1 },
             title: "\(templates.label("title.change-request")): \(plan.farm.name)", kind: "change-request")
        for server in farm.servers {
            let values = serverValues(server, base: base)
            page("servers/\(server.name.value)", "markdown/server.md", values, title: "\(server.name.value): \(plan.farm.name)", kind: "server")
        }
        scripts(base).forEach { files[$0.key] = $0.value }
        return files
    }

    private static func pageBase(_ context: FarmContext, farm: Farm, plan: Plan, templates: Templates) -> FarmContext.Values {
        var values = context.base
        values["serverList"] = plan.servers.map(\.name).joined(separator: ", ")
        values["databaseList"] = farm.databases.map(\.name.value).joined(separator: ", ")
        values["serverCount"] = String(plan.serverOrder.count)
        values["hasPermissions"] = !plan.permissions.isEmpty
        values["setupAccount"] = farm.accounts.setup?.value ?? templates.label("account.setup")
        // Each SQL Server once, as first written (Windows host names ignore case).
        var sqlServers: [String] = [], seen: Set<String> = []
        for database in farm.databases where seen.insert(database.server.value.lowercased()).inserted {
            sqlServers.append(database.server.value)
        }
        values["sqlServerList"] = sqlServers.joined(separator: ", ")
        values["hasBackups"] = !plan.backups.isEmpty
        return values
    }

    private var navigation: FarmContext.Values {
        ["id": plan.farm.id, "name": plan.farm.name]
    }

    // MARK: Steps

    /// The phases with the steps a page shows: all of them on farm pages; on a server's checklist,
    /// the steps it takes part in, and the farm-wide ones on the Central Administration server.
    private func phases(for server: Server?, bodies: Bool = true, base: FarmContext.Values) -> [FarmContext.Values] {
        let steps = plan.steps.filter { step in
            guard let server else { return true }
            return step.servers.contains(server.name.value) || (step.servers.isEmpty && hostsFarmWideSteps(server))
        }
        var number = 0
        return Plan.Phase.allCases.compactMap { phase in
            let inPhase = steps.filter { $0.phase == phase }
            guard !inPhase.isEmpty else { return nil }
            let views = inPhase.map { step -> FarmContext.Values in
                number += 1
                return stepValues(step, number: number, server: server, body: bodies, base: base)
            }
            // A stand-alone server has one short phase of its own, not the farm's.
            let title = farm.installation == .standalone ? templates.label("phase.standalone") : templates.label("phase.\(phase.rawValue)")
            return ["title": title, "steps": views,
                    "stepTitles": views.compactMap { $0["title"] as? String }.joined(separator: "; ")]
        }
    }

    private func hostsFarmWideSteps(_ server: Server) -> Bool {
        farm.installation == .standalone || plan.serverOrder.first == server.name.value
    }

    private func stepValues(_ step: Plan.Step, number: Int, server: Server?, body: Bool, base: FarmContext.Values) -> FarmContext.Values {
        let prose = templates.steps[step.rule]
        // `waitFor` is false rather than absent: swift-mustache looks a name a step lacks up in
        // every enclosing scope, which cost as much as the rest of the step's heading.
        var values: FarmContext.Values = ["rule": step.rule, "number": String(number), "title": prose?.title ?? step.rule,
                                          "section": step.section.rawValue, "serverList": step.servers.joined(separator: ", "),
                                          "waitFor": false]
        if step.rule == Installation.completeWizardOnRemainingServers.id, let server, let index = plan.serverOrder.firstIndex(of: server.name.value), index > 0 {
            values["waitFor"] = plan.serverOrder[index - 1]
        }
        if body, let prose {
            let scope = prose.perServer ? base : self.base
            values["body"] = bodies.shared(bodyKey(step, prose, page: base)) { render(prose.template, stepScope(step, base: scope)) }
        }
        return values
    }

    /// Which rendering of a step's prose a page can share: prose that does not read `onServer`
    /// reads the same on every page of the farm; prose that does reads the same on every server
    /// page whose server values agree under the names the prose reads (the commands of two x64
    /// servers with the same languages, say).
    private func bodyKey(_ step: Plan.Step, _ prose: Templates.StepProse, page: FarmContext.Values) -> String {
        guard let reads = prose.serverReads, let server = page["onServer"] as? FarmContext.Values else { return step.rule }
        var key = step.rule + "\u{0}"
        for name in (reads.contains(".") ? Set(server.keys) : reads).sorted() {
            guard let value = server[name] else { continue }
            key += "\(name.utf8.count):\(name)"
            FarmContext.fingerprint(value, into: &key)
        }
        return key
    }

    /// What a step's prose sees: the page's values and `step`.
    func stepScope(_ step: Plan.Step, base: FarmContext.Values) -> FarmContext.Values {
        var scope = base
        scope["step"] = stepFacts[step.rule]
        return scope
    }

    /// A step's servers and databases (in the farm's order), as its prose reads them under `step`.
    private static func stepFacts(_ step: Plan.Step, databases: [(name: String, values: FarmContext.Values)]) -> FarmContext.Values {
        let names = Set(step.databases)
        return [
            "servers": step.servers.map { ["name": $0] as FarmContext.Values },
            "serverList": step.servers.joined(separator: ", "),
            "databases": databases.filter { names.contains($0.name) }.map(\.values),
            "databaseList": step.databases.joined(separator: ", "),
        ]
    }

    /// Every set of values a template or a step's prose is rendered with (tests check that each
    /// name a template uses is among their keys: swift-mustache renders an unknown name as nothing).
    func contexts() -> [FarmContext.Values] {
        let pages = [base.merging(["phases": phases(for: nil, base: base)]) { $1 }] + farm.servers.map { serverValues($0, base: base) }
        return pages + pages.flatMap { page in plan.steps.map { stepScope($0, base: page) } }
    }

    private func serverValues(_ server: Server, base: FarmContext.Values) -> FarmContext.Values {
        var values = base
        values["onServer"] = serverFacts[server.name.value]
        values["phases"] = phases(for: server, base: values)
        return values
    }

    // MARK: Scripts

    private func scripts(_ base: FarmContext.Values) -> [String: Data] {
        guard farm.installation == .farm else { return [:] }
        var files: [String: Data] = [:]
        for server in farm.servers where !server.joining {
            var values = base
            values["onServer"] = serverFacts[server.name.value]
            files["scripts/\(server.name.value)-install.cmd"] = Self.crlf(render("scripts/install.cmd", values))
        }
        files["scripts/backup-databases.sql"] = ScriptEncoding.withByteOrderMark(render("scripts/backup-databases.sql", base))
        files["scripts/verify.ps1"] = ScriptEncoding.withByteOrderMark(render("scripts/verify.ps1", base))
        if !plan.contentDatabases.detach.isEmpty {
            files["scripts/detach-content-databases.cmd"] = Self.crlf(render("scripts/detach-content-databases.cmd", base))
            files["scripts/attach-content-databases.cmd"] = Self.crlf(render("scripts/attach-content-databases.cmd", base))
        }
        return files
    }

    /// .cmd files: CRLF line ends, and UTF-8 switched on where they hold non-ASCII text.
    static func crlf(_ text: String) -> Data { ScriptEncoding.batch(text) }

    private func render(_ template: String, _ values: FarmContext.Values) -> String {
        templates.render(template, values)
    }
}
