/// Seed, "Update language template packs": for every installed language template pack, the
/// service pack's WSS 3.0 language template pack, then the MOSS one, then the Configuration Wizard.
/// Cumulative updates from December 2008 on carry every language, so only a service pack in the
/// plan brings language template packs with it.
enum LanguageTemplatePackRule {
    static func packs(
        for levels: [Level], products: [Product], languagePacks: [String],
        architecture: Architecture
    ) -> [Plan.LanguageTemplatePack] {
        var packs: [Plan.LanguageTemplatePack] = []
        for level in levels where level.kind == .servicePack {
            for language in languagePacks {
                for product in products.sorted() {
                    let update = level.languagePackUpdates.first { $0.product == product }
                    let file = update?.files.value?.first.map {
                        PackageFileName.resolve($0, architecture: architecture, language: language)
                    }
                    packs.append(
                        Plan.LanguageTemplatePack(
                            order: packs.count + 1, product: product, language: language,
                            level: level.id, architecture: architecture,
                            kb: update?.kb.value, file: file))
                }
            }
        }
        return packs
    }

    /// The farm-wide list: every architecture the servers run, x86 before x64 within each pack.
    static func packs(
        for levels: [Level], products: [Product], languagePacks: [String],
        architectures: Set<Architecture>
    ) -> [Plan.LanguageTemplatePack] {
        PerArchitecture.interleaved(architectures, order: \.order) {
            packs(for: levels, products: products, languagePacks: languagePacks, architecture: $0)
        }
    }
}
