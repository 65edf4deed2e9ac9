/// Seed, "Shared services farm configurations".
enum SharedServices {
    /// The order is not critical, but Microsoft suggests updating the parent farm before its
    /// children. Nothing to order where the other farms are already at or past this farm's target
    /// (a parent whose children are there, a child whose parent is).
    static let updateParentFarmFirst = StepRule(
        id: "update-parent-farm-first", phase: .prepare, section: .sharedServices,
        scope: StepRule.farmOnly { context in
            guard let shared = context.farm.sharedServices, shared.role != .none else { return nil }
            if let other = context.farm.levels?.otherFarm, other.build >= context.target.build { return nil }
            return .init()
        })

    /// The Business Data Catalog web service proxy is built and registered on the front-end web
    /// servers of both farms when the parent farm has an update installed and the child farm runs
    /// the released version.
    static let bdcWebServiceProxy = StepRule(
        id: "bdc-web-service-proxy", phase: .preInstall, section: .sharedServices,
        scope: StepRule.farmOnly { context in
            needsProxy(context) ? .init(servers: PlanContext.names(context.webServers)) : nil
        })

    static func needsProxy(_ context: PlanContext) -> Bool {
        guard let shared = context.farm.sharedServices, shared.businessDataCatalog,
            let other = context.farm.levels?.otherFarm
        else { return false }
        switch shared.role {
        case .none: return false
        case .parent: return other.kind == .release && context.target.kind != .release
        case .child: return context.current.kind == .release && other.kind != .release
        }
    }
}
