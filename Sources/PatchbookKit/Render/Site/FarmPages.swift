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
    /// Each step's `step` values by its index in the plan, worked out once for every page that
    /// shows the step.
    private let stepFacts: [Int: FarmContext.Values]
    /// Each server's own values (`onServer`) by name, for its checklist and its script.
    private let serverFacts: [String: FarmContext.Values]

    init(farm: Farm, plan: Plan, templates: Templates) {
        self.farm = farm
        self.plan = plan
        self.templates = templates
        context = FarmContext(farm: farm, plan: plan, templates: templates)
        base = Self.pageBase(context, farm: farm, plan: plan, templates: templates)
        let servers = Dictionary(farm.servers.map { [context] in ($0.name.value, context.server($0)) }) { first, _ in first }
        serverFacts = servers
        let databases = farm.databases.map { [context] in (name: $0.name.value, values: context.database($0)) }
        stepFacts = Dictionary(uniqueKeysWithValues: plan.steps.enumerated().map { index, step in
            (index, Self.stepFacts(step, databases: databases, servers: servers, plan: plan))
        })
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
        let farmPhases = phases(for: nil, base: base)
        page("index", "markdown/farm.md", base.merging(["phases": farmPhases, "hasPhases": !farmPhases.isEmpty]) { $1 },
             title: plan.farm.name, kind: "farm")
        let requestPhases = phases(for: nil, bodies: false, base: base)
        page("change-request", "markdown/change-request.md", base.merging(["phases": requestPhases, "hasPhases": !requestPhases.isEmpty]) { $1 },
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
        values["serverCount"] = String(plan.serverOrder.count)
        values["databaseCount"] = String(farm.databases.count)
        values["hasPermissions"] = !plan.permissions.isEmpty
        values["setupAccount"] = farm.accounts.setup?.value ?? templates.label("account.setup")
        // Each SQL Server once, as first written (Windows host names ignore case).
        var sqlServers: [String] = [], seen: Set<String> = []
        for database in farm.databases where seen.insert(database.server.value.lowercased()).inserted {
            sqlServers.append(database.server.value)
        }
        values["sqlServers"] = sqlServers.map { ["name": $0] as FarmContext.Values }
        values["hasBackups"] = !plan.backups.isEmpty
        values["hasUpdates"] = plan.hasUpdates
        values["window"] = window(plan)
        values["verifySteps"] = verifySteps(plan)
        values["rollback"] = rollback(plan, context: context)
        return values
    }

    /// The step number of each of the plan's steps in the farm procedure (the farm page shows
    /// every step, in plan order): the one numbering every document refers to.
    static func number(_ index: Int) -> String { String(index + 1) }

    /// What is down from which step to which, worked out from the plan's own steps: the sites,
    /// while W3SVC is stopped; Central Administration too where its server is one of those; the
    /// detached databases until they are attached.
    private static func window(_ plan: Plan) -> FarmContext.Values? {
        let steps = plan.steps
        guard let stop = steps.firstIndex(where: { $0.rule == PreInstallation.stopW3SVC.id }),
              let start = steps.firstIndex(where: { $0.rule == Installation.startW3SVC.id }) else { return nil }
        let stopped = steps[stop].servers
        var values: FarmContext.Values = ["from": number(stop), "to": number(start),
                                          "servers": stopped.map { ["name": $0] as FarmContext.Values }]
        if let ca = plan.serverOrder.first {
            values["centralAdmin"] = ["server": ca, "down": stopped.contains(ca),
                                      "wizardStep": steps.firstIndex { $0.rule == Installation.completeWizardOnCAServer.id }.map(number) ?? ""] as FarmContext.Values
        }
        if let detach = steps.firstIndex(where: { $0.rule == LargeFarm.detachContentDatabases.id }),
           let attach = steps.firstIndex(where: { $0.rule == LargeFarm.attachContentDatabases.id }) {
            values["detached"] = ["from": number(detach), "to": number(attach)] as FarmContext.Values
        }
        return values
    }

    /// The farm numbers of the verification steps, for the steps that send the operator there.
    private static func verifySteps(_ plan: Plan) -> FarmContext.Values {
        let rules = ["upgradeLog": Verification.verifyUpgradeLog.id, "versions": Verification.verifyFileAndRegistryVersions.id,
                     "sql": Verification.verifySQLVersions.id, "serversInFarm": Verification.verifyServersInFarmPage.id]
        return rules.compactMapValues { rule in plan.steps.firstIndex { $0.rule == rule }.map(number) }
    }

    /// The way back, from what the plan backs up: each kind of backup with its items.
    private static func rollback(_ plan: Plan, context: FarmContext) -> FarmContext.Values {
        var values: FarmContext.Values = [:]
        let kinds = ["content": ["content"], "configuration": ["config", "centralAdminContent"], "search": ["ssp", "search", "index"],
                     "sso": ["sso"], "images": ["frontEnd"]]
        for (name, members) in kinds {
            let items = plan.backups.filter { members.contains($0.kind) }.map { backup -> FarmContext.Values in
                var item: FarmContext.Values = ["item": backup.item, "kind": context.templates.label("backup.\(backup.kind)")]
                item["server"] = backup.server
                return item
            }
            // A dictionary, so that a section over it renders its heading once and lists `items`.
            if !items.isEmpty { values[name] = ["items": items] as FarmContext.Values }
        }
        if let backupStep = plan.steps.firstIndex(where: { $0.phase == .preInstall && $0.rule.hasPrefix("backup-") }) {
            values["backupStep"] = number(backupStep)
        }
        return values
    }

    private var navigation: FarmContext.Values {
        ["id": plan.farm.id, "name": plan.farm.name]
    }

    // MARK: Steps

    /// The phases with the steps a page shows: all of them on farm pages; on a server's checklist,
    /// the steps it takes part in, and the farm-wide ones on the Central Administration server.
    private func phases(for server: Server?, bodies: Bool = true, base: FarmContext.Values) -> [FarmContext.Values] {
        let steps = plan.steps.enumerated().filter { _, step in
            guard let server else { return true }
            return step.servers.contains(server.name.value) || (step.servers.isEmpty && hostsFarmWideSteps(server))
        }
        return Plan.Phase.allCases.compactMap { phase in
            let inPhase = steps.filter { $0.element.phase == phase }
            guard !inPhase.isEmpty else { return nil }
            // Every page numbers a step as the farm procedure does, so that "step N" means one
            // step on every page; a checklist skips the numbers of steps its server has no part in.
            let views = inPhase.map { index, step -> FarmContext.Values in
                stepValues(step, index: index, number: Self.number(index), server: server, body: bodies, base: base)
            }
            // A stand-alone server has one short phase of its own, not the farm's.
            let title = farm.installation == .standalone ? templates.label("phase.standalone") : templates.label("phase.\(phase.rawValue)")
            return ["title": title, "steps": views,
                    "stepTitles": views.map { "\($0["number"] ?? ""). \($0["title"] ?? "")" }.joined(separator: "; ")]
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

    private func stepValues(_ step: Plan.Step, index: Int, number: String, server: Server?, body: Bool,
                            base: FarmContext.Values) -> FarmContext.Values {
        let prose = templates.steps[step.rule]
        // `waitFor` is false rather than absent: swift-mustache looks a name a step lacks up in
        // every enclosing scope, which cost as much as the rest of the step's heading.
        var values: FarmContext.Values = ["rule": step.rule, "number": number, "title": title(step),
                                          "section": step.section.rawValue, "waitFor": false]
        if step.rule == Installation.completeWizardOnRemainingServers.id, let server, let index = plan.serverOrder.firstIndex(of: server.name.value), index > 0 {
            values["waitFor"] = plan.serverOrder[index - 1]
        }
        if body, let prose {
            let scope = prose.perServer ? base : self.base
            let stepScope = stepScope(index, base: scope)
            values["body"] = bodies.shared(bodyKey(step, index: index, prose, page: stepScope)) { render(prose.template, stepScope) }
        }
        return values
    }

    /// Which rendering of a step's prose a page can share: prose that does not read `onServer`
    /// reads the same on every page of the farm; prose that does reads the same on every server
    /// page whose server values agree under the names the prose reads (the commands of two x64
    /// servers with the same languages, say). Steps of one rule that differ by level, and step
    /// values that differ by page (a server's packages of a level), are part of the key.
    private func bodyKey(_ step: Plan.Step, index: Int, _ prose: Templates.StepProse, page: FarmContext.Values) -> String {
        var key = step.rule + "\u{0}" + (step.level ?? "") + "\u{0}"
        if step.level != nil, let facts = page["step"] { FarmContext.fingerprint(facts, into: &key) }
        guard let reads = prose.serverReads, let server = page["onServer"] as? FarmContext.Values else { return key }
        // A server page renders `{{#onServer}}` sections the farm page leaves out, even where they
        // read no server value.
        key += "\u{0}server\u{0}"
        for name in (reads.contains(".") ? Set(server.keys) : reads).sorted() {
            guard let value = server[name] else { continue }
            key += "\(name.utf8.count):\(name)"
            FarmContext.fingerprint(value, into: &key)
        }
        return key
    }

    /// What a step's prose sees: the page's values and `step`; on a server page, an install step's
    /// `step.packages` are that server's packages of the step's level and product.
    func stepScope(_ index: Int, base: FarmContext.Values) -> FarmContext.Values {
        var scope = base
        var facts = stepFacts[index] ?? [:]
        if plan.steps.indices.contains(index), let level = plan.steps[index].level, let server = base["onServer"] as? FarmContext.Values {
            facts["packages"] = Self.items(of: plan.steps[index], level: level, server: server)
        }
        scope["step"] = facts
        return scope
    }

    /// A step's servers and databases (in the farm's order), as its prose reads them under `step`;
    /// for an install step, its level and each server's packages of it.
    private static func stepFacts(_ step: Plan.Step, databases: [(name: String, values: FarmContext.Values)],
                                  servers: [String: FarmContext.Values], plan: Plan) -> FarmContext.Values {
        let names = Set(step.databases)
        var facts: FarmContext.Values = [
            "servers": step.servers.map { ["name": $0, "configureCommand": "\($0)-install.cmd configure"] as FarmContext.Values },
            // Computer names hold no comma or space, so a list of them reads well inline.
            "serverList": step.servers.joined(separator: ", "),
            "databases": databases.filter { names.contains($0.name) }.map(\.values),
        ]
        if let level = step.level {
            facts["level"] = ["id": level, "name": plan.levelNames[level] ?? level] as FarmContext.Values
            facts["groups"] = groups(step, level: level, servers: servers)
        }
        return facts
    }

    /// The step's servers grouped by the packages they install (in the order the first of each
    /// group appears), so that a farm page lists each distinct set once, however many servers share it.
    private static func groups(_ step: Plan.Step, level: String, servers: [String: FarmContext.Values]) -> [FarmContext.Values] {
        var groups: [(key: String, names: [String], packages: [FarmContext.Values])] = []
        for name in step.servers {
            let packages = servers[name].map { Self.items(of: step, level: level, server: $0) } ?? []
            var key = ""
            FarmContext.fingerprint(packages, into: &key)
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].names.append(name)
            } else {
                groups.append((key, [name], packages))
            }
        }
        // Computer names hold no comma or space, so a list of them reads well inline.
        return groups.map { group -> FarmContext.Values in
            ["names": group.names.joined(separator: ", "), "packages": group.packages,
             "architecture": servers[group.names[0]]?["architecture"] ?? ""]
        }
    }

    /// What a level step installs on one server: its packages of the step's product, or its
    /// language template packs of that service pack.
    private static func items(of step: Plan.Step, level: String, server: FarmContext.Values) -> [FarmContext.Values] {
        if step.rule == Installation.updateLanguageTemplatePacks.id {
            return (server["packs"] as? [FarmContext.Values] ?? []).filter { $0["level"] as? String == level }
        }
        let product = step.rule == Installation.installWSSPackages.id ? Product.wss3.rawValue : Product.moss2007.rawValue
        return packages(server["packages"] as? [FarmContext.Values] ?? [], level: level, product: product)
    }

    private static func packages(_ packages: [FarmContext.Values], level: String, product: String) -> [FarmContext.Values] {
        packages.filter { $0["level"] as? String == level && $0["product"] as? String == product }
    }

    /// Every set of values a template or a step's prose is rendered with (tests check that each
    /// name a template uses is among their keys: swift-mustache renders an unknown name as nothing).
    func contexts() -> [FarmContext.Values] {
        let pages = [base.merging(["phases": phases(for: nil, base: base), "hasPhases": true]) { $1 }]
            + farm.servers.map { serverValues($0, base: base) }
        return pages + pages.flatMap { page in plan.steps.indices.map { stepScope($0, base: page) } }
    }

    private func serverValues(_ server: Server, base: FarmContext.Values) -> FarmContext.Values {
        var values = base
        values["onServer"] = serverFacts[server.name.value]
        values["phases"] = phases(for: server, base: values)
        return values
    }

    // MARK: Scripts

    /// The farm's scripts: none for a stand-alone installation, whose update is not scripted, nor
    /// for a farm at its target, which has nothing to install.
    static func writesScripts(_ farm: Farm, _ plan: Plan) -> Bool { farm.installation == .farm && plan.hasUpdates }

    private func scripts(_ base: FarmContext.Values) -> [String: Data] {
        guard Self.writesScripts(farm, plan) else { return [:] }
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
