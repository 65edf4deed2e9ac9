/// The readable summary `patchbook plan` prints to the terminal.
public enum PlanSummary {
    public static func text(_ plan: Plan) -> String {
        var lines = ["\(plan.farm.name) (\(plan.farm.id)): \(plan.farm.product), \(plan.farm.installation)",
                     "  \(plan.current.level) (\(plan.current.build)) -> \(plan.target.level) (\(plan.target.build))",
                     "", "Packages, in install order:"]
        lines += plan.packages.isEmpty ? ["  none: the farm is at the target"] : plan.packages.map {
            "  \($0.order). \($0.product) \($0.level) \($0.kb.map { "KB\($0)" } ?? "KB unknown")  \($0.file ?? "file name unknown")"
        }
        if !plan.languageTemplatePacks.isEmpty {
            lines += ["", "Language template packs:"] + plan.languageTemplatePacks.map {
                "  \($0.order). \($0.product) \($0.level) \($0.language)  \($0.file ?? "file name unknown")"
            }
        }
        if !plan.serverOrder.isEmpty {
            lines += ["", "Configuration Wizard order: \(plan.serverOrder.joined(separator: " -> "))"]
        }
        lines += plan.servers.map {
            "  \($0.name) [\($0.roles.joined(separator: ", "))] \($0.architecture), "
                + ($0.joining ? "joins the farm at the target" : "from \($0.current): \($0.packages.count) package(s)")
        }
        lines += ["", "Steps:"] + plan.steps.map { step in
            let scope = step.servers + step.databases
            return "  \(step.phase.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(step.rule)"
                + (scope.isEmpty ? "" : ": \(scope.joined(separator: ", "))")
        }
        if !plan.warnings.isEmpty {
            lines += ["", "Warnings:"] + plan.warnings.map { "  [\($0.code)] \($0.message)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
