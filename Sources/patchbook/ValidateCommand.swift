import ArgumentParser
import PatchbookKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks farm descriptions and prints every problem, not just the first.",
        discussion: """
            Each problem is printed to stderr as FILE:LINE:COLUMN: error: MESSAGE. The exit code is 0 \
            when every file is valid (warnings allowed) and 1 otherwise.

            Examples:
              patchbook validate examples/contoso-intranet.yaml
              patchbook validate farms/*.yaml --catalog my-updates.yaml
            """
    )

    @OptionGroup var farms: FarmFiles

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        let catalog = try catalog.load()
        try Terminal.report(Inputs.validate(farms: farms.paths, catalog: catalog))
        Terminal.write(
            farms.paths.count == 1 ? "\(Printable.escape(farms.paths[0])): valid\n" : "\(farms.paths.count) farm descriptions: valid\n")
    }
}
