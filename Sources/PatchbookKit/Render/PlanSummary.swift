/// The readable summary `patchbook plan` prints to the terminal, from `Templates/text/plan.txt`.
public enum PlanSummary {
    public static func text(farm: Farm, plan: Plan, templates: Templates) throws -> String {
        try templates.render(
            "text/plan.txt", view(farm: farm, plan: try WarningTexts.write(plan, templates: templates), templates: templates))
    }

    static func view(farm: Farm, plan: Plan, templates: Templates) -> PlanSummaryView {
        PlanSummaryView(
            base: FarmViewBuilder(farm: farm, plan: plan, templates: templates).base(),
            serverOrderText: plan.serverOrder.joined(separator: " -> "),
            stepLines: plan.steps.map { step in
                StepLineView(
                    phase: step.phase.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0), rule: step.rule,
                    level: step.level, scope: (step.servers + step.databases).joined(separator: ", "))
            })
    }
}
