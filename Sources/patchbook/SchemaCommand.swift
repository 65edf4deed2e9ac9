import ArgumentParser
import PatchbookKit

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Prints the JSON Schema of the farm description, for editors.",
        discussion: """
            The schema (JSON Schema draft 2020-12) gives every key with its meaning, allowed words and \
            default, so that an editor completes and checks a farm file; docs/farm-description.schema.json \
            holds the same. With the YAML language server, put this first in a farm file:
              # yaml-language-server: $schema=PATH/TO/farm-description.schema.json

            It checks keys, types and allowed words; validate checks the rest (names, levels, the farm \
            as a whole).

            Examples:
              patchbook schema > farm-description.schema.json
            """
    )

    func run() throws {
        try requireData()
        let (text, log) = FarmSchema.builtIn()
        try Terminal.report(log)
        try Terminal.write(text)
    }
}
