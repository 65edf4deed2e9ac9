/// Which updates take a server from its level to the target, and in what order.
///
/// Seed, "Recommended installation sequence": service packs before cumulative updates, WSS before
/// MOSS; service packs are cumulative, so only the newest one in range is needed; a cumulative
/// update contains every earlier one. Seed, "Cumulative updates": from the December 2008 CU on,
/// each package also carries the Infrastructure Update, which before then is installed on its own.
enum PackageRule {
    /// The levels whose packages a server at `current` installs to reach `target`, in install order.
    static func levels(from current: Level, to target: Level, in catalog: Catalog) -> [Level] {
        guard current.build < target.build else { return [] }
        let range = catalog.levels.filter { $0.build > current.build && $0.build <= target.build }
        var chosen: [Level] = []
        if let servicePack = range.last(where: { $0.kind == .servicePack }) {
            chosen.append(servicePack)
        }
        if let iu = infrastructureUpdateNeeded(range: range, target: target) {
            chosen.append(iu)
        }
        if !chosen.contains(where: { $0.id == target.id }) {
            chosen.append(target)
        }
        return chosen
    }

    /// The Infrastructure Update, when it is in range and the target's package does not carry it.
    private static func infrastructureUpdateNeeded(range: [Level], target: Level) -> Level? {
        guard let iu = range.first(where: { $0.kind == .infrastructureUpdate }), iu.id != target.id else { return nil }
        let carriesIU = target.kind == .cumulativeUpdate && target.languages == .known(.allLanguages)
            || target.kind == .servicePack || target.kind == .criticalOnDemand
        return carriesIU ? nil : iu
    }

    /// The packages of `levels` for one architecture and set of languages, WSS before MOSS within
    /// a level. Per-language packages come in the base language (language packs get language
    /// template packs); global-and-localized updates add a localized package for every language.
    static func packages(for levels: [Level], products: [Product], architecture: Architecture,
                         baseLanguage: String, languagePacks: [String]) -> [Plan.Package] {
        var packages: [Plan.Package] = []
        for level in levels {
            for product in products.sorted() {
                guard let update = level.update(for: product) else { continue }
                let languages = level.languages == .known(.globalAndLocalized) ? [baseLanguage] + languagePacks : [baseLanguage]
                for file in files(update, architecture: architecture, languages: languages) {
                    packages.append(Plan.Package(order: packages.count + 1, product: product.rawValue, level: level.id,
                                                 kb: update.kb.value, architecture: architecture.rawValue,
                                                 language: file.language, file: file.name))
                }
            }
        }
        return packages
    }

    /// The farm-wide list: every architecture the farm's servers run, x86 before x64 within each
    /// package, so that a mixed farm downloads both sets.
    static func packages(for levels: [Level], products: [Product], architectures: Set<Architecture>,
                         baseLanguage: String, languagePacks: [String]) -> [Plan.Package] {
        let perArchitecture = Architecture.allCases.filter(architectures.contains).map {
            packages(for: levels, products: products, architecture: $0, baseLanguage: baseLanguage, languagePacks: languagePacks)
        }
        // Same levels, products and languages for every architecture: interleave them package by package.
        let merged = (0..<(perArchitecture.first?.count ?? 0)).flatMap { index in perArchitecture.map { $0[index] } }
        return merged.enumerated().map { offset, package in
            var numbered = package
            numbered.order = offset + 1
            return numbered
        }
    }

    private static func files(_ update: ProductUpdate, architecture: Architecture, languages: [String]) -> [(name: String?, language: String)] {
        guard case .known(let patterns) = update.files else { return [(nil, languages[0])] }
        return patterns.flatMap { pattern in
            PackageFileName.isLocalized(pattern)
                ? languages.map { (PackageFileName.resolve(pattern, architecture: architecture, language: $0), $0) }
                : [(PackageFileName.resolve(pattern, architecture: architecture, language: "glb"), "glb")]
        }
    }
}
