import ArgumentParser
import PatchbookKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks farm descriptions and prints every problem, not just the first.",
        discussion: """
            Each problem is printed to stderr as FILE:LINE:COLUMN: error: MESSAGE, and each warning \
            of a valid farm's plan as FILE: warning: [CODE] MESSAGE. The exit code is 0 when every \
            file is valid (warnings allowed; with --strict, none) and 1 otherwise. - reads a farm \
            description from standard input.

            Examples:
              patchbook validate examples/contoso-intranet.yaml
              patchbook validate farms/*.yaml --catalog my-updates.yaml
            """
    )

    @OptionGroup var farms: FarmFiles

    @OptionGroup var catalog: CatalogOptions

    @OptionGroup var warnings: WarningOptions

    @Flag(name: .shortAndLong, help: "Print nothing but errors: no warnings.")
    var quiet = false

    func run() throws {
        let (catalog, (templates, templateLog)) = try catalog.load { Templates.builtIn() }
        try Terminal.report(templateLog)
        try Terminal.report(
            Inputs.validate(farms: farms.paths, catalog: catalog, templates: templates),
            quiet: quiet, strict: warnings.strict)
        try Terminal.write(
            farms.paths.count == 1
                ? "\(Printable.escape(Inputs.displayName(farms.paths[0]))): valid\n"
                : "\(farms.paths.count) farm descriptions: valid\n")
    }
}
