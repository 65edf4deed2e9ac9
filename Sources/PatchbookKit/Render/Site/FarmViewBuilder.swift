/// Turns one farm's plan (and the few details of its description the plan does not carry:
/// shares, accounts, database sizes) into the views its pages and scripts read. Values stay raw;
/// each template escapes them for its language. Every fact comes from the plan where the plan has
/// it (a server's architecture, its packages, the steps), so that every document shows the same.
/// A class: its methods go to `map` as closures, and each closure of a struct copied the farm,
/// the plan and the templates, every string of them retained.
final class FarmViewBuilder {
    let farm: Farm
    let plan: Plan
    let templates: Templates

    init(farm: Farm, plan: Plan, templates: Templates) {
        self.farm = farm
        self.plan = plan
        self.templates = templates
    }

    func base(hasStatus: Bool = false) -> FarmBaseView {
        let servers = farm.servers.map { Shared(server($0)) }
        return FarmBaseView(
            farm: Shared(farmView), packages: plan.packages.map(package), packs: plan.languageTemplatePacks.map(pack),
            servers: servers, serverList: plan.servers.map(\.name).joined(separator: ", "),
            serverCount: String(plan.serverOrder.count), databaseCount: String(farm.databases.count),
            sqlServers: sqlServers, setupAccount: farm.accounts.setup?.value ?? templates.label("account.setup"),
            temporaryAccount: plan.permissions.first { $0.temporary && $0.account != nil }?.account.map(AccountView.init),
            permissions: permissionRows, backups: plan.backups.map(backup),
            backupSpace: plan.backupSpace.map {
                BackupSpaceView(knownGB: Self.number($0.knownGB), missing: $0.databasesWithoutSize.map(NameView.init))
            },
            contentDatabases: contentDatabases, verification: verification,
            warnings: plan.warnings.map { WarningView(code: $0.code.rawValue, message: $0.message) },
            hasUpdates: plan.hasUpdates, window: StepNumbers.window(plan), verifySteps: StepNumbers.verifySteps(plan),
            rollback: rollback, change: Shared(change()), hasStatus: hasStatus)
    }

    private var farmView: FarmView {
        let role = farm.sharedServices?.role
        return FarmView(
            id: plan.farm.id, name: plan.farm.name, productName: templates.label("product.\(plan.farm.product.rawValue)"),
            isMOSS: plan.farm.product == .moss2007, isStandalone: plan.farm.installation == .standalone,
            isParent: role == .parent, isChild: role == .child, current: level(plan.current), target: level(plan.target),
            languages: ([farm.baseLanguage?.value].compactMap { $0 } + farm.languagePacks.map(\.value)).joined(separator: ", "),
            solutions: farm.customizations.solutions.map { NameView(name: $0.value) },
            frontEndDocumented: farm.customizations.frontEndDocumented,
            otherFarmLevel: farm.sharedServices?.otherFarmLevel?.value.description,
            packageShare: farm.packageShare?.value, backupShare: farm.backupShare?.value,
            sharedServicesProvider: farm.search.sharedServicesProvider?.value, centralAdminServer: plan.serverOrder.first,
            centralAdminUrl: plan.serverOrder.first.flatMap { host in farm.centralAdminPort.map { "http://\(host):\($0)/" } })
    }

    private func level(_ summary: Plan.LevelSummary) -> LevelView {
        LevelView(level: summary.level, name: summary.name, build: summary.build)
    }

    func package(_ package: Plan.Package) -> PackageView {
        let languageName = package.language == "glb" ? templates.label("language.glb") : package.language
        return view(
            order: package.order, product: package.product, level: package.level, architecture: package.architecture,
            language: package.language, languageName: languageName, kb: package.kb, file: package.file,
            what: templates.label("product.\(package.product.rawValue)"))
    }

    func pack(_ pack: Plan.LanguageTemplatePack) -> PackageView {
        let product = templates.label("product.\(pack.product.rawValue)")
        return view(
            order: pack.order, product: pack.product, level: pack.level, architecture: pack.architecture,
            language: pack.language, languageName: pack.language, kb: pack.kb, file: pack.file,
            what: "\(product) \(templates.label("language-template-pack"))")
    }

    /// A package or a pack as pages and scripts show it; `what` names it in the scripts' lines.
    private func view(
        order: Int, product: Product, level: String, architecture: Architecture, language: String,
        languageName: String, kb: Int?, file: String?, what: String
    ) -> PackageView {
        let levelName = plan.levelNames[level] ?? level
        let shown = file ?? templates.label("file-unknown")
        return PackageView(
            order: order, product: product.rawValue, productName: templates.label("product.\(product.rawValue)"), level: level,
            levelName: levelName, architecture: architecture.rawValue, language: language, languageName: languageName,
            kb: kb.map { "KB\($0)" } ?? templates.label("unknown"), file: shown, known: file != nil, path: file.map(path),
            description: "\(what), \(levelName), \(languageName): \(shown)", kbNumber: kb)
    }

    /// A package's path on the package share, or its bare name (run from the folder holding it).
    private func path(_ file: String) -> String {
        farm.packageShare.map { $0.value.hasSuffix("\\") ? $0.value + file : $0.value + "\\" + file } ?? file
    }

    func server(_ server: Server) -> ServerView {
        let name = server.name.value
        let serverPlan = plan.servers.first { $0.name == name }
        let packages = serverPlan?.installs.map(package) ?? []
        let packs = serverPlan?.languageTemplatePacks.map(pack) ?? []
        // The script installs in plan order and stops at the first item whose file is unknown:
        // that item and every one after it are installed by hand, in order.
        let items = Self.installOrder(packages, packs)
        let firstUnknown = items.firstIndex { !$0.known } ?? items.count
        let architecture = serverPlan?.architecture ?? .x64
        return ServerView(
            name: name, architecture: architecture.rawValue,
            roles: server.roles.map { templates.label("role.\($0.rawValue)") }.joined(separator: ", "),
            joining: server.joining, isWeb: isWebServer(name), page: "servers/\(name).md",
            script: FarmPages.writesScripts(farm, plan) && !server.joining ? "scripts/" + FarmPages.installScript(name) : nil,
            current: serverPlan?.current ?? plan.current.level,
            position: plan.serverOrder.firstIndex(of: name).map { String($0 + 1) }, packages: packages, packs: packs,
            scripted: Array(items[..<firstUnknown]), byHand: Array(items[firstUnknown...]),
            registry: plan.verification?.registry.first { $0.architecture == architecture }.map(registry))
    }

    /// Packages and language template packs as a server installs them: each service pack's
    /// packs right after that level's packages, before any later package builds on them.
    static func installOrder(_ packages: [PackageView], _ packs: [PackageView]) -> [PackageView] {
        var items: [PackageView] = []
        var remaining = packs
        for (index, package) in packages.enumerated() {
            items.append(package)
            if index == packages.count - 1 || packages[index + 1].level != package.level {
                items += remaining.filter { $0.level == package.level }
                remaining.removeAll { $0.level == package.level }
            }
        }
        return items + remaining
    }

    /// A server's script stops W3SVC exactly where the plan's stop-w3svc step names it.
    private func isWebServer(_ name: String) -> Bool {
        plan.steps.first { $0.rule == PreInstallation.stopW3SVC.id }?.servers.contains(name) ?? false
    }

    func database(_ database: Database) -> DatabaseView {
        DatabaseView(
            name: database.name.value, server: database.server.value, webApplication: database.webApplication?.value,
            sizeGB: database.sizeGB.map(Self.number), siteCollections: database.siteCollections)
    }

    private var sqlServers: [NameView] { farm.sqlServers.map(NameView.init) }

    /// The permissions as the change request lists them: one row per account, right and duration.
    /// Local Administrators rows name every server they cover (computer names hold no comma or
    /// space); a SQL Server right or a database's access is a row of its own, since those names can.
    private var permissionRows: [PermissionRow] {
        var rows: [(key: String, row: PermissionRow, scopes: [String])] = []
        for permission in plan.permissions {
            let account = permission.account ?? templates.label("account.\(permission.holder.rawValue)")
            var grant = permission.grant.rawValue
            var scope = permission.scope.text
            if case .database(let server, let name) = permission.scope {
                grant = "\(templates.label("grant.databases-on")) \(server)"
                scope = name
            }
            let key = "\(account)\u{1}\(grant)\u{1}\(permission.temporary)"
            if permission.grant == .localAdministrators, let index = rows.firstIndex(where: { $0.key == key }) {
                rows[index].scopes.append(scope)
            } else {
                rows.append((key, PermissionRow(account: account, grant: grant, scope: "", temporary: permission.temporary), [scope]))
            }
        }
        return rows.map { entry in
            var row = entry.row
            row.scope = entry.scopes.joined(separator: ", ")
            return row
        }
    }

    private func backup(_ backup: Plan.Backup) -> BackupView {
        BackupView(
            item: backup.item, kind: templates.label("backup.\(backup.kind.rawValue)"), tool: backup.tool.rawValue,
            recoveryModel: backup.recoveryModel?.rawValue ?? "", server: backup.server)
    }

    private var contentDatabases: ContentDatabasesView {
        let content = plan.contentDatabases
        let entry = { (database: Plan.ContentDatabase) in
            ContentDatabaseView(name: database.name, server: database.server, webApplication: database.webApplication)
        }
        return ContentDatabasesView(
            prepareToMove: content.prepareToMove, detach: content.detach.map(entry),
            keepAttached: content.keepAttached.map(entry),
            fullCrawl: plan.warnings.contains { $0.code == .fullCrawlAfterAttach },
            parallelUpgradeServers: content.parallelUpgradeServers)
    }

    private var verification: VerificationView? {
        plan.verification.map { v in
            VerificationView(
                registry: v.registry.map(registry), lines: v.upgradeLogLines, sqlQuery: v.sqlQuery,
                portalDllVersion: v.portalDllVersion, configDatabase: v.configDatabase,
                sqlExpectedVersion: v.sqlExpectedVersion, sqlVersionIncludes: v.sqlVersionIncludes,
                serversInFarmUrl: v.serversInFarmUrl, serversInFarmVersion: v.serversInFarmVersion)
        }
    }

    private func registry(_ check: Plan.RegistryCheck) -> RegistryView {
        RegistryView(architecture: check.architecture.rawValue, key: check.key, value: check.value, expected: check.expected)
    }

    /// The way back, from what the plan backs up: each kind of backup with its items.
    private var rollback: RollbackView {
        func group(_ kinds: Set<Plan.BackupKind>) -> BackupGroupView? {
            let items = plan.backups.filter { kinds.contains($0.kind) }.map(backup)
            return items.isEmpty ? nil : BackupGroupView(items: items)
        }
        return RollbackView(
            backupStep: plan.steps.firstIndex { $0.phase == .preInstall && $0.rule.hasPrefix("backup-") }.map(StepNumbers.number),
            configuration: group([.config, .centralAdminContent]), content: group([.content]),
            search: group([.ssp, .search, .index]), sso: group([.sso]), images: group([.frontEnd]))
    }

    /// Numbers as people write them: no trailing ".0", no locale.
    static func number(_ value: Double) -> String { Printable.number(value) }
}

/// The farm procedure's step numbers, the one numbering every document uses, and the spans of the
/// window worked out from them.
enum StepNumbers {
    /// A step's number: its place in the plan (the farm page shows every step, in plan order).
    static func number(_ index: Int) -> String { String(index + 1) }

    /// What is down from which step to which: the sites while W3SVC is stopped, Central
    /// Administration too where its server is one of those, the detached databases until attached.
    static func window(_ plan: Plan) -> WindowView? {
        let steps = plan.steps
        guard let stop = steps.firstIndex(where: { $0.rule == PreInstallation.stopW3SVC.id }),
            let start = steps.firstIndex(where: { $0.rule == InstallationSteps.startW3SVC.id })
        else { return nil }
        let stopped = steps[stop].servers
        let centralAdmin = plan.serverOrder.first.map { server in
            CentralAdminView(
                server: server, down: stopped.contains(server),
                wizardStep: steps.firstIndex { $0.rule == InstallationSteps.completeWizardOnCAServer.id }.map(number) ?? "")
        }
        var detached: StepRangeView?
        if let detach = steps.firstIndex(where: { $0.rule == LargeFarm.detachContentDatabases.id }),
            let attach = steps.firstIndex(where: { $0.rule == LargeFarm.attachContentDatabases.id })
        {
            detached = StepRangeView(from: number(detach), to: number(attach))
        }
        return WindowView(
            from: number(stop), to: number(start), servers: stopped.map(NameView.init),
            centralAdmin: centralAdmin, detached: detached)
    }

    /// The numbers of the verification steps, for the steps that send the operator there.
    static func verifySteps(_ plan: Plan) -> VerifyStepsView {
        func number(of rule: StepRule) -> String? { plan.steps.firstIndex { $0.rule == rule.id }.map(Self.number) }
        return VerifyStepsView(
            upgradeLog: number(of: VerificationSteps.verifyUpgradeLog),
            versions: number(of: VerificationSteps.verifyFileAndRegistryVersions),
            sql: number(of: VerificationSteps.verifySQLVersions), serversInFarm: number(of: VerificationSteps.verifyServersInFarmPage))
    }
}
