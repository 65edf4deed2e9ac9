import ArgumentParser
import Foundation
import PatchbookKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Plans every farm and writes the site: wiki pages, change requests, checklists, scripts.",
        discussion: """
        For each farm, DIR/FARM-ID/ gets index, change-request and servers/SERVER pages (Markdown \
        and HTML), scripts/ (per-server .cmd, backup-databases.sql, verify.ps1, detach and attach \
        scripts where needed) and plan.json; DIR/ gets index, catalog and assets/.

        Nothing is written unless every farm description is valid. The output folder is replaced \
        whole (written beside it, then swapped in); a folder that patchbook did not create is \
        never replaced.

        Examples:
          patchbook build examples/contoso-intranet.yaml --out site
          patchbook build farms/*.yaml --out /srv/wiki/patching --catalog my-updates.yaml
          patchbook build farms/*.yaml --out site --templates my-templates
        """
    )

    @OptionGroup var farms: FarmFiles

    @Option(help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String

    @OptionGroup var catalog: CatalogOptions

    @Option(help: ArgumentHelp("A copy of patchbook's Templates folder to use instead of the built-in one.", valueName: "dir"))
    var templates: String?

    func run() throws {
        let catalog = try catalog.load()
        let (loaded, templateLog) = templates.map {
            Templates.load(templates: URL(fileURLWithPath: $0), content: Templates.builtInContent)
        } ?? Templates.builtIn()
        try Terminal.report(templateLog)
        guard let loaded else { throw ExitCode(1) }
        let (files, log) = try Pipeline.siteFiles(farms: farms.paths, catalog: catalog, templates: loaded)
        try Terminal.report(log)
        do {
            try SiteWriter(destination: URL(fileURLWithPath: out)).write(files)
        } catch let failure as SiteWriter.Failure {
            Terminal.printError("error: \(failure)\n")
            throw ExitCode(1)
        }
    }
}
