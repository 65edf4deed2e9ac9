import ArgumentParser
import PatchbookKit

/// The farm descriptions a command reads: files, or folders of them; at least one.
struct FarmFiles: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Farm description files (YAML or JSON), or folders whose .yaml, .yml and .json files are read.",
            valueName: "farm.yaml|dir"))
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
