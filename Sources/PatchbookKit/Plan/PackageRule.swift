/// Which updates take a server from its level to the target, and in what order.
///
/// Seed, "Recommended installation sequence" (L424-L432): the service pack of each product, then
/// the cumulative update of each product; service packs are cumulative, so only the newest one in
/// range is needed, and a cumulative update contains every earlier one. Seed L176 and L606: WSS is
/// not in the MOSS package, and its update is installed first. So for each product, the newest
/// level in range that carries that product (a MOSS-only hotfix still needs the newest WSS update
/// before it). Seed, "Cumulative updates" (L160, L182): from the December 2008 CU on, each package
/// also carries the Infrastructure Update, which before then is installed on its own.
enum PackageRule {
    /// The levels whose packages a server at `current` installs to reach `target`, in install order.
    static func levels(from current: Level, to target: Level, in catalog: Catalog) -> [Level] {
        guard current.build < target.build else { return [] }
        let range = catalog.levels.filter { $0.build > current.build && $0.build <= target.build }
        let servicePack = range.last { $0.kind == .servicePack }
        let afterServicePack = range.filter { $0.build > (servicePack?.build ?? current.build) }
        // Each product's newest carrier after the service pack; the target carries at least one.
        var carriers = Product.allCases.compactMap { product in afterServicePack.last { $0.update(for: product) != nil } }
        if !carriers.contains(where: { $0.id == target.id }) { carriers.append(target) }
        var chosen = [servicePack].compactMap { $0 } + carriers
        if let iu = infrastructureUpdateNeeded(range: range, carriers: carriers) { chosen.append(iu) }
        return unique(chosen).sorted { $0.build < $1.build }
    }

    /// Which of `levels` installs `product`'s package: the newest level carrying it, and the
    /// service pack and the Infrastructure Update, which every product takes.
    static func installs(_ product: Product, at level: Level, among levels: [Level]) -> Bool {
        guard level.update(for: product) != nil else { return false }
        if level.kind == .servicePack || level.kind == .infrastructureUpdate { return true }
        return levels.last { $0.kind != .servicePack && $0.kind != .infrastructureUpdate && $0.update(for: product) != nil }?.id == level.id
    }

    /// The Infrastructure Update, when it is in range and a product's newest package does not carry it.
    private static func infrastructureUpdateNeeded(range: [Level], carriers: [Level]) -> Level? {
        guard let iu = range.first(where: { $0.kind == .infrastructureUpdate }),
            !carriers.contains(where: { $0.id == iu.id })
        else { return nil }
        let carriesIU: (Level) -> Bool = { level in
            level.kind == .servicePack || level.kind == .criticalOnDemand
                || level.kind == .cumulativeUpdate && level.languages == .known(.allLanguages)
        }
        // A carrier below the IU is older than it: the IU is then needed as well, after it.
        return carriers.allSatisfy { $0.build > iu.build && carriesIU($0) } ? nil : iu
    }

    private static func unique(_ levels: [Level]) -> [Level] {
        var seen: Set<String> = []
        return levels.filter { seen.insert($0.id).inserted }
    }

    /// The packages of `levels` for one architecture and set of languages, level by level, WSS
    /// before MOSS within a level. Per-language packages come in the base language (language
    /// packs get language template packs); global-and-localized updates (before December 2008)
    /// are a global package plus a localized package for every language (seed L160, L276-L280).
    static func packages(
        for levels: [Level], products: [Product], architecture: Architecture,
        baseLanguage: String, languagePacks: [String]
    ) -> [Plan.Package] {
        var packages: [Plan.Package] = []
        for level in levels {
            for product in products.sorted() where installs(product, at: level, among: levels) {
                guard let update = level.update(for: product) else { continue }
                let localized = level.languages == .known(.globalAndLocalized)
                let languages = localized ? [baseLanguage] + languagePacks : [baseLanguage]
                let delivery = level.languages.value
                for file in files(update, architecture: architecture, languages: languages, delivery: delivery) {
                    packages.append(
                        Plan.Package(
                            order: packages.count + 1, product: product, level: level.id,
                            kb: update.kb.value, architecture: architecture,
                            language: file.language, file: file.name))
                }
            }
        }
        return packages
    }

    /// The farm-wide list: every architecture the farm's servers run, x86 before x64 within each
    /// package, so that a mixed farm downloads both sets.
    static func packages(
        for levels: [Level], products: [Product], architectures: Set<Architecture>,
        baseLanguage: String, languagePacks: [String]
    ) -> [Plan.Package] {
        PerArchitecture.interleaved(architectures, order: \.order) {
            packages(for: levels, products: products, architecture: $0, baseLanguage: baseLanguage, languagePacks: languagePacks)
        }
    }

    /// A level's files for one product; where the catalog does not know them, one unnamed package
    /// per package the level ships (global plus one per language, or one in the base language),
    /// and one of language `unknown` where the catalog does not say how the level ships languages.
    private static func files(
        _ update: ProductUpdate, architecture: Architecture, languages: [String],
        delivery: LanguageDelivery?
    ) -> [(name: String?, language: String)] {
        guard case .known(let patterns) = update.files else {
            switch delivery {
            case .globalAndLocalized: return [(nil, "glb")] + languages.map { (nil, $0) }
            case .allLanguages: return [(nil, "glb")]
            case .perLanguage: return [(nil, languages[0])]
            case nil: return [(nil, "unknown")]
            }
        }
        return patterns.flatMap { pattern in
            PackageFileName.isLocalized(pattern)
                ? languages.map { (PackageFileName.resolve(pattern, architecture: architecture, language: $0), $0) }
                : [(PackageFileName.resolve(pattern, architecture: architecture, language: "glb"), "glb")]
        }
    }
}
