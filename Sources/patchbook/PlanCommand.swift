import ArgumentParser
import PatchbookKit

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Prints the update plan of one farm: a readable summary, or plan.json with --json.",
        discussion: """
            The plan names the packages in install order (WSS before MOSS, service pack before \
            cumulative update), each server's own packages for its architecture and level, the \
            language template packs, the order in which servers complete the Configuration Wizard, \
            the permissions, backups and content-database handling, every step with its rule, the \
            values to verify, and warnings.

            Examples:
              patchbook plan examples/contoso-intranet.yaml
              patchbook plan my-farm.yaml --json --catalog my-updates.yaml
              patchbook plan - < my-farm.yaml
            """
    )

    @Argument(
        help: ArgumentHelp("A farm description file (YAML or JSON), or - for standard input.", valueName: "farm.yaml"),
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var farm: String

    @Flag(help: "Print the plan as the plan.json document.")
    var json = false

    @OptionGroup var catalog: CatalogOptions

    func validate() throws {
        if let problem = Inputs.singleFarmProblem(farm) { throw ValidationError(problem) }
    }

    func run() throws {
        let (catalog, (templates, templateLog)) = try catalog.load { Templates.builtIn() }
        let (farm, log) = Inputs.farm(at: farm, catalog: catalog)
        try Terminal.report(log)
        guard let farm else { throw ExitCode(1) }
        try Terminal.report(templateLog)
        guard let templates else { throw ExitCode(1) }
        let plan = try Planner.plan(farm, catalog: catalog)
        try Terminal.write(
            try Terminal.rendering {
                json
                    ? try JSONOutput.encode(try WarningTexts.write(plan, templates: templates))
                    : try PlanSummary.text(farm: farm, plan: plan, templates: templates)
            })
    }
}
