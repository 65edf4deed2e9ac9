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

    @OptionGroup var farms: FarmFiles

    @Option(help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        let catalog = try catalog.load()
        let (files, log) = try Pipeline.siteFiles(farms: farms.paths, catalog: catalog)
        try Terminal.report(log)
        do {
            try SiteWriter(destination: URL(fileURLWithPath: out)).write(files)
        } catch let failure as SiteWriter.Failure {
            Terminal.printError("error: \(failure)\n")
            throw ExitCode(1)
        }
    }
}
