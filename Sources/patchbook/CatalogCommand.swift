import ArgumentParser
import PatchbookKit

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Lists the update catalog: level, product, kind, release date, build, KB.",
        discussion: """
            Facts the sources do not give are shown as 'unknown'. With --json, each row also carries \
            the package file patterns, the language delivery and the source of its facts.

            Examples:
              patchbook catalog
              patchbook catalog --json --catalog my-updates.yaml
            """
    )

    @Flag(help: "Print the catalog as JSON.")
    var json = false

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        let listing = CatalogListing(try catalog.load())
        try Terminal.write(try Terminal.rendering { json ? try listing.json() : listing.text })
    }
}
