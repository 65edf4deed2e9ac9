import ArgumentParser
import PatchbookKit

/// The farm descriptions a command reads: files, or folders of them; at least one.
struct FarmFiles: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Farm description files (YAML or JSON), folders whose .yaml, .yml and .json files are read, or - for standard input.",
            valueName: "farm.yaml|dir"),
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var arguments: [String] = []

    func validate() throws {
        if arguments.isEmpty { throw ValidationError("Name at least one farm description file or folder.") }
        if paths.isEmpty {
            throw ValidationError(
                "\(Printable.escape(arguments.joined(separator: ", "))) holds no farm descriptions (.yaml, .yml or .json files).")
        }
    }

    var paths: [String] { Inputs.farmPaths(arguments) }
}

/// What `validate` and `build` do with the plan's warnings.
struct WarningOptions: ParsableArguments {
    @Flag(help: "Fail (exit 1) when a plan has warnings, as a CI job wants.")
    var strict = false
}
