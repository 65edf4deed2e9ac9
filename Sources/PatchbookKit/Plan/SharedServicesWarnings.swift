/// Warnings for farms that share services (seed, "Shared services farm configurations").
enum SharedServicesWarnings {
    static func all(_ context: PlanContext) -> [Plan.Warning] {
        parentBehind(context) + otherLevelUnknown(context)
    }

    /// Microsoft suggests the parent farm first: a child whose parent is below the child's target.
    static func parentBehind(_ context: PlanContext) -> [Plan.Warning] {
        guard let shared = context.farm.sharedServices, shared.role == .child,
              let parent = shared.otherFarmLevel.flatMap({ try? Planner.resolve($0.value, context.catalog) }),
              parent.build < context.target.build else { return [] }
        return [Plan.Warning(code: "parent-farm-not-updated",
                             message: "The parent farm is at \(parent.id), below this farm's target \(context.target.id); update the parent farm first.")]
    }

    /// Whether the Business Data Catalog proxy is needed depends on the other farm's level.
    static func otherLevelUnknown(_ context: PlanContext) -> [Plan.Warning] {
        guard let shared = context.farm.sharedServices, shared.role != .none, shared.businessDataCatalog,
              shared.otherFarmLevel == nil else { return [] }
        let other = shared.role == .child ? "parent farm's" : "child farms'"
        return [Plan.Warning(code: "shared-services-level-unknown",
                             message: "The \(other) level is not given ('farm.sharedServices.otherFarmLevel'); patchbook cannot tell whether the Business Data Catalog web service proxy is needed.")]
    }
}
