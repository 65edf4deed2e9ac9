/// A plan's warnings as diagnostics of the file that describes the farm, for `validate` and
/// `build` to print: `FILE: warning: [code] message`.
public enum PlanWarnings {
    public static func log(_ plan: Plan, file: String, templates: Templates) throws -> DiagnosticLog {
        var log = DiagnosticLog()
        for warning in plan.warnings {
            let message = try templates.render(warning: warning.code, facts: warning.facts)
            log.warning(.whole(file), "[\(warning.code.rawValue)] \(message)")
        }
        return log
    }
}
