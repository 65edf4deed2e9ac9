import ArgumentParser
import Foundation
import PatchbookKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks the evidence copied off a farm's servers after the update: a verdict per server.",
        discussion: """
            The evidence folder holds a folder per server, named after it, with what was copied from \
            that server: Upgrade.log (or any Upgrade*.log), verify.json (scripts/verify.ps1 -OutFile \
            verify.json) and reg-query.txt (the checklist's reg query command, its output redirected); \
            and, for the whole farm, versions.txt or versions.csv (the checklist's query of the \
            Versions table, from sqlcmd or SQL Server Management Studio). Where the folder holds a \
            folder named after the farm's id, that one is read.

            Each server, in the order the servers complete the Configuration Wizard, is passed, \
            failed (with each reason) or missing (no folder). A server passes when its Upgrade.log \
            passes and every other piece of evidence given passes; evidence not given is not checked. \
            A value the catalog does not give is shown, not failed.

            Exit codes: 0 every server passed (and the Versions table, where given), 1 a server \
            failed or is missing, the Versions table failed, or the description is invalid, 64 \
            usage error.

            Examples:
              patchbook check examples/contoso-intranet.yaml --evidence evidence/
              patchbook check my-farm.yaml --evidence evidence/ --json > status.json
            """
    )

    @Argument(
        help: ArgumentHelp("A farm description file (YAML or JSON), or - for standard input.", valueName: "farm.yaml"),
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var farm: String

    @Option(help: ArgumentHelp("The folder holding the evidence, a folder per server.", valueName: "dir"), completion: .directory)
    var evidence: String

    @Flag(help: "Print the verdicts as JSON.")
    var json = false

    @OptionGroup var catalog: CatalogOptions

    func validate() throws {
        if let problem = Inputs.singleFarmProblem(farm) ?? Inputs.folderProblem(evidence, option: "--evidence") {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let (catalog, (templates, templateLog)) = try catalog.load { Templates.builtIn() }
        let (farm, log) = Inputs.farm(at: farm, catalog: catalog)
        try Terminal.report(log, quiet: true)
        guard let farm else { throw ExitCode(1) }
        try Terminal.report(templateLog)
        guard let templates else { throw ExitCode(1) }
        let plan = try Planner.plan(farm, catalog: catalog)
        let status = EvidenceChecker.check(farm: farm, plan: plan, evidence: evidence)
        try Terminal.write(
            try Terminal.rendering {
                json ? try JSONOutput.encode(status) : try EvidenceReport.text(status, templates: templates)
            })
        if status.verdict != .passed { throw ExitCode(1) }
    }
}
