/// Seed, "Installation steps" and "Recommended installation sequence".
enum InstallationSteps {
    /// Steps 2 and 3, with the recommended sequence: one step per level that installs a WSS 3.0
    /// package, each before the same level's Office SharePoint Server step (seed L606).
    static let installWSSPackages = StepRule(
        id: "install-wss-packages", phase: .install, section: .installation,
        scopes: StepRule.farmOnly { installing(.wss3, $0) })

    static let installMOSSPackages = StepRule(
        id: "install-moss-packages", phase: .install, section: .installation,
        scopes: StepRule.farmOnly { installing(.moss2007, $0) })

    /// Steps 4 to 8 on every server: the wizard runs up to the server-farm dialog, which stays open
    /// until every server shows it.
    static let runWizardToFarmDialog = StepRule(
        id: "run-wizard-to-farm-dialog", phase: .install, section: .installation,
        scope: StepRule.farmOnly { context in
            .init(servers: context.serverOrder)
        })

    /// Steps 9 to 12: the Central Administration server completes first and is verified.
    static let completeWizardOnCAServer = StepRule(
        id: "complete-wizard-on-ca-server", phase: .configure, section: .installation,
        scope: StepRule.farmOnly { context in
            .init(servers: Array(context.serverOrder.prefix(1)))
        })

    /// Step 13: then every other server, one at a time, in the seed's order.
    static let completeWizardOnRemainingServers = StepRule(
        id: "complete-wizard-on-remaining-servers", phase: .configure,
        section: .installation,
        scope: StepRule.farmOnly { context in
            context.serverOrder.count < 2 ? nil : .init(servers: Array(context.serverOrder.dropFirst()))
        })

    /// With a least-privilege search account, the search services are started again on every
    /// indexer and query server (`osearch` for Office SharePoint Server, `spsearch` for WSS).
    static let startSearchServices = StepRule(
        id: "start-search-services", phase: .postInstall, section: .installation,
        scope: StepRule.farmOnly { context in
            guard context.farm.search.leastPrivilege else { return nil }
            return .init(servers: PlanContext.names(context.updatingServers.filter { $0.has(.index) || $0.has(.query) }))
        })

    /// Step 14: the service stopped by hand is started by hand on the same servers.
    static let startW3SVC = StepRule(
        id: "start-w3svc", phase: .postInstall, section: .installation,
        scope: StepRule.farmOnly { .init(servers: PlanContext.names($0.webServers)) })

    /// Seed, "Update language template packs": for each installed language pack, the WSS pack then
    /// the Office SharePoint Server pack on every server, before the wizard runs; one step per
    /// service pack, right after that service pack's packages, which later packages build on.
    static let updateLanguageTemplatePacks = StepRule(
        id: "update-language-template-packs", phase: .install,
        section: .languageTemplatePacks,
        scopes: StepRule.farmOnly { context in
            context.catalog.levels.compactMap { level in
                let servers = context.serverOrder.filter { context.serverPacks[$0]?.contains { $0.level == level.id } ?? false }
                return servers.isEmpty ? nil : .init(servers: servers, level: level.id)
            }
        })

    /// For each level with a package of `product`, in catalog order, the servers that install
    /// it, in the wizard's order.
    private static func installing(_ product: Product, _ context: PlanContext) -> [StepRule.Scope] {
        let byServer = context.packagesByServer(product: product)
        return context.catalog.levels.compactMap { level in
            let servers = context.serverOrder.filter { byServer[$0]?.contains { $0.level == level.id } ?? false }
            return servers.isEmpty ? nil : .init(servers: servers, level: level.id)
        }
    }
}
