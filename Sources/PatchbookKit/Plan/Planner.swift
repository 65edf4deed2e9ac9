/// The plan stage: a validated farm and the catalog in, a `Plan` out. Pure: no I/O, no clock.
public enum Planner {
    public enum Failure: Error, Sendable {
        /// A level the farm names is not in the catalog; validation reports this first, so reaching
        /// it means the farm was not validated against this catalog.
        case unresolvedLevel(String)
    }

    public static func plan(_ farm: Farm, catalog: Catalog) throws -> Plan {
        let current = try resolve(farm.current.value, catalog)
        let target = try resolve(farm.target.value, catalog)
        let products = farm.product.installed
        let base = farm.baseLanguage?.value ?? "en-us"
        let languagePacks = farm.languagePacks.map(\.value)
        // Validation guarantees an architecture for the farm or for every server.
        let defaultArchitecture = farm.architecture?.value ?? farm.servers.first?.architecture?.value ?? .x64

        let farmLevels = PackageRule.levels(from: current, to: target, in: catalog)
        let packages = PackageRule.packages(for: farmLevels, products: products, architecture: defaultArchitecture,
                                            baseLanguage: base, languagePacks: languagePacks)
        let packs = LanguageTemplatePackRule.packs(for: farmLevels, products: products, languagePacks: languagePacks,
                                                   architecture: defaultArchitecture)
        let serverLevels = try farm.servers.map { ($0, try $0.current.map { try resolve($0.value, catalog) } ?? current) }
        let servers = serverLevels.map { server, level in
            let architecture = server.architecture?.value ?? defaultArchitecture
            let levels = PackageRule.levels(from: level, to: target, in: catalog)
            let files = PackageRule.packages(for: levels, products: products, architecture: architecture,
                                             baseLanguage: base, languagePacks: languagePacks)
            return Plan.ServerPlan(name: server.name.value, roles: server.roles.map(\.rawValue),
                                   architecture: architecture.rawValue, current: level.id,
                                   packages: files.map { $0.file ?? "\($0.product) \($0.level) package (file name unknown)" })
        }
        return Plan(
            farm: .init(id: farm.id.value, name: farm.name.value, product: farm.product.rawValue,
                        installation: farm.installation.rawValue),
            current: .init(level: current.id, build: current.build.description),
            target: .init(level: target.id, build: target.build.description),
            packages: packages, languageTemplatePacks: packs,
            serverOrder: ServerOrderRule.order(farm.servers), servers: servers,
            warnings: WarningRules.all(farm: farm, catalog: catalog, serverLevels: serverLevels, current: current, target: target,
                                       packages: packages, packs: packs))
    }

    static func resolve(_ reference: LevelReference, _ catalog: Catalog) throws -> Level {
        let level: Level?
        switch reference {
        case .latest: level = catalog.latest
        case .id(let id): level = catalog.level(id: id)
        case .build(let build): level = catalog.level(build: build)
        }
        guard let level else { throw Failure.unresolvedLevel(reference.description) }
        return level
    }
}
