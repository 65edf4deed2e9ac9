/// The plan stage: a validated farm and the catalog in, a `Plan` out. Pure: no I/O, no clock.
public enum Planner {
    public enum Failure: Error, Sendable {
        /// The farm's levels are resolved by validation; a farm that did not pass it has none.
        case notValidated
    }

    public static func plan(_ farm: Farm, catalog: Catalog) throws -> Plan {
        let context = try context(farm, catalog)
        let contentDatabases = ContentDatabaseRule.plan(context)
        var plan = Plan(
            farm: .init(id: farm.id.value, name: farm.name.value, product: farm.product, installation: farm.installation),
            current: summary(context.current), target: summary(context.target),
            packages: context.packages, languageTemplatePacks: context.packs,
            serverOrder: context.serverOrder, servers: serverPlans(context),
            permissions: PermissionRule.permissions(context), backups: BackupRule.backups(context),
            backupSpace: BackupRule.space(context), contentDatabases: contentDatabases,
            steps: StepRules.steps(context), verification: VerificationRule.verification(context),
            warnings: WarningRules.all(context, contentDatabases: contentDatabases))
        let named = Set(
            plan.servers.flatMap(\.installs).map(\.level) + context.packages.map(\.level) + context.packs.map(\.level)
                + plan.warnings.compactMap { $0.facts["level"] })
        plan.levelNames = Dictionary(uniqueKeysWithValues: catalog.levels.filter { named.contains($0.id) }.map { ($0.id, $0.name) })
        plan.servicePacks = catalog.levels.filter {
            $0.kind == .servicePack && $0.build > context.current.build && $0.build <= context.target.build
        }.map(\.name)
        return plan
    }

    /// Resolves levels and works out every server's packages once, for all rules to read.
    static func context(_ farm: Farm, _ catalog: Catalog) throws -> PlanContext {
        guard let levels = farm.levels else { throw Failure.notValidated }
        let current = levels.current, target = levels.target
        let products = farm.product.installed
        let base = farm.installedLanguage
        let languagePacks = farm.languagePacks.map(\.value)

        let farmLevels = PackageRule.levels(from: current, to: target, in: catalog)
        let architectures = farm.architectures
        let packages = PackageRule.packages(
            for: farmLevels, products: products, architectures: architectures,
            baseLanguage: base, languagePacks: languagePacks)
        let packs = LanguageTemplatePackRule.packs(
            for: farmLevels, products: products, languagePacks: languagePacks,
            architectures: architectures)
        let updating = farm.servers.filter { !$0.joining }.map { server in
            (server: server, level: levels.servers[server.name.value] ?? current)
        }
        var serverPackages: [String: [Plan.Package]] = [:]
        var serverPacks: [String: [Plan.LanguageTemplatePack]] = [:]
        for (server, level) in updating {
            let levels = PackageRule.levels(from: level, to: target, in: catalog)
            let architecture = farm.architecture(of: server)
            serverPackages[server.name.value] = PackageRule.packages(
                for: levels, products: products, architecture: architecture, baseLanguage: base, languagePacks: languagePacks)
            serverPacks[server.name.value] = LanguageTemplatePackRule.packs(
                for: levels, products: products, languagePacks: languagePacks, architecture: architecture)
        }
        // Every list of servers in the plan follows the order in which they complete the wizard.
        let order = ServerOrderRule.order(updating.map(\.server))
        let ordered = order.compactMap { name in updating.first { $0.server.name.value == name } }
        return PlanContext(
            farm: farm, catalog: catalog, current: current, target: target, updating: ordered,
            packages: packages, packs: packs, serverPackages: serverPackages, serverPacks: serverPacks,
            serverOrder: order)
    }

    private static func serverPlans(_ context: PlanContext) -> [Plan.ServerPlan] {
        context.farm.servers.map { server in
            let name = server.name.value
            let level = context.updating.first { $0.server.name.value == name }?.level ?? context.target
            let architecture = context.farm.architecture(of: server)
            let installs = server.joining ? joiningPackages(context, architecture: architecture) : context.serverPackages[name] ?? []
            let files = installs.map { $0.file ?? "\($0.product.rawValue) \($0.level) package (file name unknown)" }
            return Plan.ServerPlan(
                name: name, roles: server.roles, architecture: architecture,
                current: level.id, joining: server.joining, packages: files, installs: installs,
                languageTemplatePacks: context.serverPacks[name] ?? [])
        }
    }

    /// Seed, "Add new servers": a new server built from the product's media, without updates,
    /// installs the packages from the release to the target before its wizard runs (or has them
    /// slipstreamed into its installation source).
    private static func joiningPackages(_ context: PlanContext, architecture: Architecture) -> [Plan.Package] {
        guard let media = context.catalog.levels.first else { return [] }
        return PackageRule.packages(
            for: PackageRule.levels(from: media, to: context.target, in: context.catalog),
            products: context.farm.product.installed, architecture: architecture,
            baseLanguage: context.farm.installedLanguage,
            languagePacks: context.farm.languagePacks.map(\.value))
    }

    private static func summary(_ level: Level) -> Plan.LevelSummary {
        Plan.LevelSummary(level: level.id, build: level.build.description, name: level.name)
    }

}
