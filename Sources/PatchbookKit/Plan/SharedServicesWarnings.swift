/// Warnings for farms that share services (seed, "Shared services farm configurations").
enum SharedServicesWarnings {
    static func all(_ context: PlanContext) -> [Plan.Warning] {
        parentBehind(context) + otherLevelUnknown(context)
    }

    /// Microsoft suggests the parent farm first: a child whose parent is below the child's target.
    static func parentBehind(_ context: PlanContext) -> [Plan.Warning] {
        guard let shared = context.farm.sharedServices, shared.role == .child,
            let parent = context.farm.levels?.otherFarm,
            parent.build < context.target.build
        else { return [] }
        return [Plan.Warning(code: .parentFarmNotUpdated, facts: [.parent: parent.id, .target: context.target.id])]
    }

    /// Whether the Business Data Catalog proxy is needed depends on the other farm's level.
    static func otherLevelUnknown(_ context: PlanContext) -> [Plan.Warning] {
        guard let shared = context.farm.sharedServices, shared.role != .none, shared.businessDataCatalog,
            shared.otherFarmLevel == nil
        else { return [] }
        // "child" is present (and true) only for a child farm, so that the text can test it.
        return [Plan.Warning(code: .sharedServicesLevelUnknown, facts: shared.role == .child ? [.child: "true"] : [:])]
    }
}
