/// The readable summary `patchbook plan` prints to the terminal, from `Templates/text/plan.txt`.
public enum PlanSummary {
    public static func text(farm: Farm, plan: Plan, templates: Templates) -> String {
        templates.render("text/plan.txt", values(farm: farm, plan: WarningTexts.write(plan, templates: templates), templates: templates))
    }

    static func values(farm: Farm, plan: Plan, templates: Templates) -> FarmContext.Values {
        let context = FarmContext(farm: farm, plan: plan, templates: templates)
        var values = context.base
        values["serverOrderText"] = plan.serverOrder.joined(separator: " -> ")
        values["servers"] = context.servers.map { server -> FarmContext.Values in
            server.merging(["packageCount": String((server["packages"] as? [Any])?.count ?? 0)]) { $1 }
        }
        values["stepLines"] = plan.steps.map { step -> FarmContext.Values in
            let scope = step.servers + step.databases
            return ["phase": step.phase.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0), "rule": step.rule,
                    "scope": scope.joined(separator: ", "), "hasScope": !scope.isEmpty]
        }
        return values
    }
}
