import ArgumentParser

/// The farm description files a command reads; at least one.
struct FarmFiles: ParsableArguments {
    @Argument(help: ArgumentHelp("Farm description files (YAML or JSON).", valueName: "farm.yaml"))
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one farm description file.") }
    }
}
