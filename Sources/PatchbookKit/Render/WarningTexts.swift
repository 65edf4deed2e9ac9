/// Writes each warning's text from `Content/warnings.yaml` and the facts the planner gave, so that
/// the planner stays free of prose. Every shown plan (plan.json, pages, the terminal) goes through it.
public enum WarningTexts {
    public static func write(_ plan: Plan, templates: Templates) throws -> Plan {
        var plan = plan
        for index in plan.warnings.indices {
            let warning = plan.warnings[index]
            plan.warnings[index].message = try templates.render(warning: warning.code, facts: warning.facts)
        }
        return plan
    }
}
