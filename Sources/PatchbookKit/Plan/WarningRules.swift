/// Warnings a careful administrator wants before the maintenance window. Each is one small rule
/// with the seed section (or fact) it comes from; its text is in `Content/warnings.yaml`.
enum WarningRules {
    static func all(_ context: PlanContext, contentDatabases: Plan.ContentDatabases) -> [Plan.Warning] {
        let farm = context.farm
        return hotfixesNewerThanTarget(farm, context.target)
            + serversAtDifferentLevels(context.updating.map { ($0.server, $0.level) }, context.current)
            + mixedArchitectures(farm)
            + windowsServer2008NeedsSP2(farm, context.target, sp2: context.catalog.level(id: "sp2"))
            + hotfixFromSupport(context)
            + unknownPackageFacts(context.packages, context.packs, catalog: context.catalog)
            + sp2TrialExpiry(context.packages)
            + LargeFarmWarnings.all(context, contentDatabases)
            + setupAccountUnnamed(context)
            + SharedServicesWarnings.all(context)
            + atTarget(context)
    }

    /// Every server is at the target already: the plan has nothing to install (new servers aside).
    static func atTarget(_ context: PlanContext) -> [Plan.Warning] {
        context.nothingToInstall ? [Plan.Warning(code: .atTarget, facts: [.target: context.target.id])] : []
    }

    /// Seed, "Before you begin": the permissions are the setup account's; without its name the
    /// checklists cannot say whom to grant them to.
    static func setupAccountUnnamed(_ context: PlanContext) -> [Plan.Warning] {
        guard context.updatesFarm, context.farm.accounts.setup == nil else { return [] }
        return [Plan.Warning(code: .setupAccountUnnamed)]
    }

    /// Seed, "Before you begin": a hotfix whose fix the update does not contain must be obtained
    /// again; a hotfix with a build above the target's is not in the target.
    static func hotfixesNewerThanTarget(_ farm: Farm, _ target: Level) -> [Plan.Warning] {
        farm.installedHotfixes.filter { $0.build > target.build }.map {
            Plan.Warning(
                code: .hotfixNewerThanTarget,
                facts: [
                    .kb: String($0.kb), .build: $0.build.description,
                    .target: target.id, .targetBuild: target.build.description,
                ])
        }
    }

    /// Seed, "Before you begin": every server must end at the same update level.
    static func serversAtDifferentLevels(_ serverLevels: [(Server, Level)], _ current: Level) -> [Plan.Warning] {
        let differing = serverLevels.filter { $0.1.id != current.id }
        guard !differing.isEmpty else { return [] }
        let list = differing.map { "\($0.0.name.value) at \($0.1.id)" }.joined(separator: ", ")
        return [Plan.Warning(code: .serversAtDifferentLevels, facts: [.level: current.id, .servers: list])]
    }

    /// Seed, "Before you begin": download the update for each server's hardware.
    static func mixedArchitectures(_ farm: Farm) -> [Plan.Warning] {
        guard farm.architectures.count > 1 else { return [] }
        return [Plan.Warning(code: .mixedArchitectures)]
    }

    /// Seed, "Available updates": Service Pack 2 brings full support for Windows Server 2008.
    /// (Windows Server 2008 R2 needs SP2 to install at all: a target below it is a validation error.)
    static func windowsServer2008NeedsSP2(_ farm: Farm, _ target: Level, sp2: Level?) -> [Plan.Warning] {
        let on2008 = farm.servers.filter { $0.os?.value == .windowsServer2008 }
        guard !on2008.isEmpty, let sp2, target.build < sp2.build else { return [] }
        return [
            Plan.Warning(
                code: .windowsServer2008NeedsSP2,
                facts: [.servers: on2008.map(\.name.value).joined(separator: ", "), .target: target.id])
        ]
    }

    /// Seed L62: a hotfix of limited distribution is requested from Customer Support Services or a
    /// Technical Account Manager, or through the form in its Knowledge Base article.
    static func hotfixFromSupport(_ context: PlanContext) -> [Plan.Warning] {
        guard context.target.kind == .criticalOnDemand, !context.nothingToInstall else { return [] }
        let kbs = context.target.updates.compactMap { $0.kb.value.map { "KB\($0)" } }
        var facts: [WarningFact: String] = [.target: context.target.name]
        if !kbs.isEmpty { facts[.kbs] = kbs.joined(separator: ", ") }
        return [Plan.Warning(code: .hotfixFromSupport, facts: facts)]
    }

    /// A fact the catalog marks unknown is named, never guessed: one warning per level, naming
    /// each package and language template pack whose file name (or KB number) is unknown.
    static func unknownPackageFacts(
        _ packages: [Plan.Package], _ packs: [Plan.LanguageTemplatePack],
        catalog: Catalog
    ) -> [Plan.Warning] {
        var names: [String: [String]] = [:]
        for package in packages where package.file == nil || package.kb == nil {
            let language = package.language == "glb" ? "global" : package.language == "unknown" ? "language unknown" : package.language
            let name = "\(package.product.rawValue) \(language) package"
            if !(names[package.level]?.contains(name) ?? false) { names[package.level, default: []].append(name) }
        }
        for pack in packs where pack.file == nil || pack.kb == nil {
            let name = "\(pack.product.rawValue) \(pack.language) language template pack"
            if !(names[pack.level]?.contains(name) ?? false) { names[pack.level, default: []].append(name) }
        }
        // In catalog order, each level named as the documents name it.
        return catalog.levels.filter { names[$0.id] != nil }.map {
            Plan.Warning(
                code: .packageFileUnknown,
                facts: [
                    .level: $0.id, .levelName: $0.name,
                    .packages: (names[$0.id] ?? []).joined(separator: "; "),
                ])
        }
    }

    /// facts-from-other-sources: SP2 downloaded before 2009-07-29 installed as an expiring trial (KB971620).
    static func sp2TrialExpiry(_ packages: [Plan.Package]) -> [Plan.Warning] {
        guard packages.contains(where: { $0.level == "sp2" && $0.product == .moss2007 }) else { return [] }
        return [Plan.Warning(code: .sp2TrialExpiry)]
    }
}
