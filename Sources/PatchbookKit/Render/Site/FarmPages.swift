import Foundation

/// Renders one farm's folder: its wiki page, change request, per-server checklists (Markdown and
/// HTML), scripts and plan.json. Pure: the same farm, plan and templates give the same bytes.
/// A class, so that the closures its pages and jobs hold share it instead of copying it whole.
final class FarmPages: Sendable {
    let farm: Farm
    let plan: Plan
    let templates: Templates
    /// The views every page of the farm starts from, worked out once.
    let base: Shared<FarmBaseView>
    /// Each server's view (`onServer`) by name, for its checklist and its script.
    private let servers: [String: Shared<ServerView>]
    /// Each step's `step` facts by its index in the plan, for every page that shows the step.
    private let stepFacts: [StepFactsView]
    /// Step prose, rendered once per distinct reading and spliced into pages.
    private let bodies: StepBodies
    /// Each step's servers as a set: every checklist asks each step whether its server takes part.
    private let stepServers: [Set<String>]
    /// What each level step installs on each server, by the step's index and the server's name:
    /// every checklist's scope, its step keys and the farm page's groups read them.
    private let levelItems: [Int: [String: LevelItems]]

    /// A server's packages (or packs) in a level step, and their fingerprint.
    private struct LevelItems {
        let packages: [PackageView]
        let key: [UInt8]
    }

    /// The evidence check of `build --evidence`, shown on the status page.
    let evidence: FarmEvidence?

    init(farm: Farm, plan: Plan, templates: Templates, evidence: FarmEvidence? = nil) {
        self.farm = farm
        self.plan = plan
        self.templates = templates
        self.evidence = evidence
        let builder = FarmViewBuilder(farm: farm, plan: plan, templates: templates)
        base = Shared(builder.base(hasStatus: evidence != nil))
        servers = Dictionary(base.servers.map { ($0.name, $0) }) { first, _ in first }
        let databases = farm.databases.map(builder.database)
        let servers = self.servers
        let levelItems = Self.levelItems(plan, servers: servers)
        self.levelItems = levelItems
        stepFacts = plan.steps.enumerated().map { index, step in
            Self.stepFacts(step, databases: databases, servers: servers, items: levelItems[index] ?? [:], plan: plan)
        }
        bodies = StepBodies(templates: templates)
        stepServers = plan.steps.map { Set($0.servers) }
    }

    /// One page of the farm's folder, written as Markdown and HTML (`path` without extension).
    struct Page {
        let path: String
        let template: String
        let title: String
        let kind: String
        let view: () throws -> any TemplateView

        /// The pages `build --pdf` prints: the change request, the server checklists and the
        /// status page, the ones attached to a ticket or printed.
        var isPrinted: Bool { kind == "change-request" || kind == "server" || kind == "status" }
    }

    /// The farm's pages in the site's order, the one source of it: the farm page, the change
    /// request, then each server's checklist as the farm page's table lists them. The front
    /// matter's `weight` is a page's place here, from 1.
    func pages() -> [Page] {
        [
            Page(
                path: "index", template: "markdown/farm.md", title: plan.farm.name, kind: "farm",
                view: { [self] in PageView(base: base, phases: try phases(for: nil)) }),
            Page(
                path: "change-request", template: "markdown/change-request.md",
                title: "\(templates.label("title.change-request")): \(plan.farm.name)", kind: "change-request",
                view: { [self] in PageView(base: base, phases: try phases(for: nil, bodies: false)) }),
        ]
            + farm.servers.map { server in
                Page(
                    path: "servers/\(server.name.value)", template: "markdown/server.md", title: "\(server.name.value): \(plan.farm.name)",
                    kind: "server", view: { [self] in try serverPage(server) })
            }
            + statusPage
    }

    /// Files by path relative to the farm's folder; with `frontMatter`, each Markdown page starts
    /// with its YAML front matter (`FrontMatter`). The pages, the plain-text parts, the scripts
    /// and plan.json are made apart, with `onEveryCore` on all cores (a build of as many farms
    /// as cores or more shares them out by farm instead, which costs less).
    func files(frontMatter: Bool = false, onEveryCore: Bool = true) throws -> [String: Data] {
        let nav = FarmNavView(id: plan.farm.id, name: plan.farm.name)
        let pages = pages().enumerated().map { index, page in
            Job { try self.files(of: page, order: index + 1, nav: nav, frontMatter: frontMatter) }
        }
        let others = [
            Job { try self.changeRequestParts() }, Job { try self.scripts().map { ($0.key, $0.value) } },
            Job { [("plan.json", Data(try JSONOutput.encode(self.plan).utf8))] },
        ]
        var files: [String: Data] = [:]
        // The first failure in this order is the one reported, whatever thread met it first.
        let jobs = pages + others
        for result in onEveryCore ? Concurrently.map(jobs, { $0.run() }) : jobs.map({ $0.run() }) {
            for (path, data) in try result.get() { files[path] = data }
        }
        return files
    }

    /// Work on one farm's files. The views it reads are constants and the step bodies lock
    /// their tables (`PageBodies`), so jobs may run on any thread.
    private struct Job: @unchecked Sendable {
        let make: () throws -> [(String, Data)]

        init(_ make: @escaping () throws -> [(String, Data)]) { self.make = make }

        func run() -> Result<[(String, Data)], Error> { Result { try make() } }
    }

    /// A page's Markdown and HTML files.
    private func files(of page: Page, order: Int, nav: FarmNavView, frontMatter: Bool) throws -> [(String, Data)] {
        let skeleton = try templates.render(page.template, try page.view())
        let markdown = bodies.pages.splice(skeleton)
        let root = String(repeating: "../", count: page.path.split(separator: "/").count)
        let body =
            bodies.pages.spliceHTML(CommonMark.page(skeleton, quotes: bodies.pages.quotes).html)
            ?? CommonMark.page(String(decoding: markdown, as: UTF8.self), quotes: bodies.pages.quotes).html
        let html = try SitePages.page(body, title: page.title, root: root, kind: page.kind, farmNav: nav, templates: templates)
        return [
            (page.path + ".md", frontMatter ? FrontMatter.block(title: page.title, order: order) + markdown : markdown),
            (page.path + ".html", html),
        ]
    }

    /// The parts a change ticket asks for in fields of their own, as plain text to paste.
    private func changeRequestParts() throws -> [(String, Data)] {
        let changeRequest = PageView(base: base, phases: try phases(for: nil, bodies: false))
        return try Self.changeRequestParts.map { part in
            let markdown = try templates.render("markdown/change-request/\(part).md", changeRequest)
            return ("change-request/\(part).txt", Data(PlainText.text(markdown).utf8))
        }
    }

    /// The status page, with `build --evidence`: last, as the evidence comes last.
    private var statusPage: [Page] {
        guard let evidence else { return [] }
        let templates = templates
        return [
            Page(
                path: "status", template: "markdown/status.md", title: "\(templates.label("title.status")): \(plan.farm.name)",
                kind: "status", view: { StatusView(evidence, templates: templates) })
        ]
    }

    static let changeRequestParts = ["implementation-plan", "backout-plan", "test-plan"]

    private func serverPage(_ server: Server) throws -> PageView {
        var page = PageView(base: base, onServer: servers[server.name.value])
        page.phases = try phases(for: server, page: page)
        return page
    }

    // MARK: Steps

    /// The phases with the steps a page shows: all of them on farm pages; on a server's checklist,
    /// the steps it takes part in, and the farm-wide ones on the Central Administration server.
    private func phases(for server: Server?, bodies withBodies: Bool = true, page: PageView? = nil) throws -> [PhaseView] {
        let page = page ?? PageView(base: base)
        // Indices, not steps: sorting the page's steps into phases then reads a step's phase
        // without copying the step, once per phase.
        let steps = plan.steps.indices.filter { index in
            guard let server else { return true }
            return stepServers[index].contains(server.name.value) || (plan.steps[index].servers.isEmpty && hostsFarmWideSteps(server))
        }
        return try Plan.Phase.allCases.compactMap { phase in
            let inPhase = steps.filter { plan.steps[$0].phase == phase }
            guard !inPhase.isEmpty else { return nil }
            // Every page numbers a step as the farm procedure does, so that "step N" means one
            // step on every page; a checklist skips the numbers of steps its server has no part in.
            let views = try inPhase.map { index in
                try stepView(plan.steps[index], index: index, server: server, body: withBodies, page: page)
            }
            // A stand-alone server has one short phase of its own, not the farm's.
            let title = farm.installation == .standalone ? templates.label("phase.standalone") : templates.label("phase.\(phase.rawValue)")
            return PhaseView(title: title, steps: views, phase: phase)
        }
    }

    private func hostsFarmWideSteps(_ server: Server) -> Bool {
        farm.installation == .standalone || plan.serverOrder.first == server.name.value
    }

    /// A step's title: its prose's, followed by the level it installs, for the install steps.
    func title(_ step: Plan.Step) -> String {
        let title = templates.steps[step.rule]?.title ?? step.rule
        guard let level = step.level else { return title }
        return "\(title): \(plan.levelNames[level] ?? level)"
    }

    private func stepView(_ step: Plan.Step, index: Int, server: Server?, body: Bool, page: PageView) throws -> StepView {
        var view = StepView(rule: step.rule, number: StepNumbers.number(index), title: title(step), servers: step.servers)
        if step.rule == InstallationSteps.completeWizardOnRemainingServers.id, let server,
            let position = plan.serverOrder.firstIndex(of: server.name.value), position > 0
        {
            view.waitFor = plan.serverOrder[position - 1]
        }
        if body, let prose = templates.steps[step.rule] {
            // Prose that never reads `onServer` reads the same on every page of the farm.
            let scope = stepScope(index, page: prose.perServer ? page : PageView(base: base))
            view.body = try bodies.body(step, prose, scope: scope, packagesKey: installs(index, on: scope.page)?.key)
        }
        return view
    }

    /// What a step's prose sees: the page, and `step`; on a server page, a level step's
    /// `step.packages` are that server's packages (or packs) of the level.
    func stepScope(_ index: Int, page: PageView) -> StepScopeView {
        var facts = stepFacts[index]
        if let installs = installs(index, on: page) { facts.packages = installs.packages }
        return StepScopeView(page: page, step: facts)
    }

    /// What the level step at `index` installs on the page's server; nil for another step, or a
    /// page of no server.
    private func installs(_ index: Int, on page: PageView) -> LevelItems? {
        page.onServer.flatMap { levelItems[index]?[$0.name] }
    }

    /// A step's servers and databases (in the farm's order), as its prose reads them under `step`;
    /// for a level step, its level and the servers grouped by what they install in it.
    private static func stepFacts(
        _ step: Plan.Step, databases: [DatabaseView], servers: [String: Shared<ServerView>], items: [String: LevelItems],
        plan: Plan
    ) -> StepFactsView {
        let names = Set(step.databases)
        var facts = StepFactsView(servers: step.servers.map(StepServerView.init), databases: databases.filter { names.contains($0.name) })
        if let level = step.level {
            facts.level = LevelView(level: level, name: plan.levelNames[level] ?? level, build: "")
            facts.groups = groups(step, servers: servers, items: items)
        }
        return facts
    }

    /// The step's servers grouped by what they install in it (in the order the first of each group
    /// appears), so that a farm page lists each distinct set once, however many servers share it.
    private static func groups(_ step: Plan.Step, servers: [String: Shared<ServerView>], items: [String: LevelItems]) -> [InstallGroupView]
    {
        var groups: [(key: [UInt8], group: InstallGroupView)] = []
        for name in step.servers {
            guard let server = servers[name], let installs = items[name] else { continue }
            var key: [UInt8] = []
            key.reserveCapacity(installs.key.count + 16)
            Fingerprint.append(server.architecture, kind: "a", to: &key)
            key += installs.key
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].group.names.append(name)
            } else {
                groups.append((key, InstallGroupView(names: [name], architecture: server.architecture, packages: installs.packages)))
            }
        }
        return groups.map(\.group)
    }

    private static func levelItems(_ plan: Plan, servers: [String: Shared<ServerView>]) -> [Int: [String: LevelItems]] {
        var result: [Int: [String: LevelItems]] = [:]
        for (index, step) in plan.steps.enumerated() {
            guard let level = step.level else { continue }
            result[index] = servers.mapValues { server in
                let packages = items(of: step, level: level, server: server)
                var key: [UInt8] = []
                Fingerprint.append(packages, to: &key)
                return LevelItems(packages: packages, key: key)
            }
        }
        return result
    }

    /// What a level step installs on one server: its packages of the step's product, or its
    /// language template packs of that service pack.
    private static func items(of step: Plan.Step, level: String, server: Shared<ServerView>) -> [PackageView] {
        if step.rule == InstallationSteps.updateLanguageTemplatePacks.id {
            return server.packs.filter { $0.level == level }
        }
        let product = step.rule == InstallationSteps.installWSSPackages.id ? Product.wss3 : .moss2007
        return server.packages.filter { $0.level == level && $0.product == product.rawValue }
    }

    /// Every view a template or a step's prose is rendered with (tests check that each name a
    /// template uses is a field of these: swift-mustache renders an unknown name as nothing).
    func views() throws -> [any TemplateView] {
        let pages = [PageView(base: base, phases: try phases(for: nil))] + (try farm.servers.map(serverPage))
        return pages + pages.flatMap { page in plan.steps.indices.map { stepScope($0, page: page) } }
    }

    // MARK: Scripts

    /// The farm's scripts: none for a stand-alone installation, whose update is not scripted, nor
    /// for a farm at its target, which has nothing to install.
    static func writesScripts(_ farm: Farm, _ plan: Plan) -> Bool { farm.installation == .farm && plan.hasUpdates }

    /// A server's install script, in `scripts/`: the one name pages, commands and the file share.
    static func installScript(_ server: String) -> String { "\(server)-install.cmd" }

    private func scripts() throws -> [String: Data] {
        guard Self.writesScripts(farm, plan) else { return [:] }
        var files: [String: Data] = [:]
        let page = PageView(base: base)
        for server in farm.servers where !server.joining {
            let view = PageView(base: base, onServer: servers[server.name.value])
            files["scripts/" + Self.installScript(server.name.value)] = ScriptEncoding.batch(
                try templates.render("scripts/install.cmd", view))
        }
        files["scripts/backup-databases.sql"] = ScriptEncoding.withByteOrderMark(try templates.render("scripts/backup-databases.sql", page))
        files["scripts/verify.ps1"] = ScriptEncoding.withByteOrderMark(try templates.render("scripts/verify.ps1", page))
        if !plan.contentDatabases.detach.isEmpty {
            for script in ["detach-content-databases", "attach-content-databases"] {
                files["scripts/\(script).cmd"] = ScriptEncoding.batch(try templates.render("scripts/\(script).cmd", page))
            }
        }
        return files
    }
}
