import ArgumentParser
import Foundation
import PatchbookKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Plans every farm and writes the output folder: FARM-ID/plan.json for each farm.",
        discussion: """
        Nothing is written unless every farm description is valid. The output folder is replaced \
        whole (written beside it, then swapped in); a folder that patchbook did not create is \
        never replaced.

        Examples:
          patchbook build examples/contoso-intranet.yaml --out site
          patchbook build farms/*.yaml --out /srv/wiki/patching --catalog my-updates.yaml
        """
    )

    @Argument(help: ArgumentHelp("Farm description files (YAML or JSON).", valueName: "farm.yaml"))
    var farms: [String]

    @Option(help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String

    @OptionGroup var catalog: CatalogOptions

    func validate() throws {
        if farms.isEmpty { throw ValidationError("Name at least one farm description file.") }
    }

    func run() throws {
        let catalog = try catalog.load()
        var log = DiagnosticLog()
        var files: [String: Data] = [:]
        var owners: [String: String] = [:]
        for path in farms {
            let (farm, farmLog) = Inputs.farm(at: path, catalog: catalog)
            log.append(contentsOf: farmLog)
            guard let farm else { continue }
            if let other = owners[farm.id.value] {
                log.error(farm.id.location, "farm id '\(farm.id.value)' is also the id of \(other); set 'farm.id' so that each farm has its own folder")
                continue
            }
            owners[farm.id.value] = path
            files["\(farm.id.value)/plan.json"] = Data(JSONOutput.encode(try Planner.plan(farm, catalog: catalog)).utf8)
        }
        try Terminal.report(log)
        do {
            try SiteWriter(destination: URL(fileURLWithPath: out)).write(files)
        } catch let failure as SiteWriter.Failure {
            Terminal.printError("error: \(failure)\n")
            throw ExitCode(1)
        }
    }
}
