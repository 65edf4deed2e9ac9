/// A plan's warnings as diagnostics of the file that describes the farm, for `validate` and
/// `build` to print: `FILE: warning: [code] message`.
public enum PlanWarnings {
    public static func log(_ plan: Plan, file: String, templates: Templates) throws -> DiagnosticLog {
        var log = DiagnosticLog()
        // The same texts as plan.json and the pages: WarningTexts writes them all.
        for warning in try WarningTexts.write(plan, templates: templates).warnings {
            log.warning(.whole(file), "[\(warning.code.rawValue)] \(warning.message)")
        }
        return log
    }
}
