import ArgumentParser
import Foundation
import PatchbookKit
import PatchbookResources

@main
struct Patchbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchbook",
        abstract: "Plans the update of a WSS 3.0 / Office SharePoint Server 2007 farm and writes its checklists.",
        discussion: """
            patchbook reads a farm description (YAML or JSON) and the update catalog, works out which \
            packages, backups, permissions and steps that farm needs, and writes them as checklists, \
            change requests and scripts.

            Exit codes: 0 success (warnings allowed), 1 an input is invalid, no valid plan exists or \
            the output cannot be written (build --pdf without Chromium, too), 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [
            BuildCommand.self, PlanCommand.self, ValidateCommand.self, CheckCommand.self, CatalogCommand.self, InitCommand.self,
            SchemaCommand.self,
        ]
    )

    /// ArgumentParser's main, with the hints it does not give (`CommandLineHints`). The one for an
    /// option is worked out only once ArgumentParser has refused the command line or answered it
    /// with its help: it reads the command's help, which took 1 to 2 ms of every run.
    static func main() {
        // Swift reads the command line from /proc/self/cmdline on Linux: where /proc is not mounted
        // (a chroot) it is empty, not even the program's name, and every command would print the
        // help and exit 0.
        guard !CommandLine.arguments.isEmpty else {
            Terminal.printError(
                "error: patchbook cannot read its command line: /proc is not mounted (it reads /proc/self/cmdline); mount it (in a chroot: mount -t proc proc /proc)\n"
            )
            Foundation.exit(1)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Help, --version and the completion scripts are printed by ArgumentParser: a write that
        // failed (a full disk) shows only when the output is flushed, at exit.
        atexit {
            // fflush(nil) flushes every stream and says whether any write failed.
            if fflush(nil) != 0 {
                let message = Array("error: cannot write the output\n".utf8)
                _ = message.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
                _exit(1)
            }
        }
        if let problem = CommandLineHints.unknownCommand(arguments) { exit(usage: problem) }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
            if CommandLineHints.isArgumentParsers(command), let problem = CommandLineHints.unknownOption(arguments) {
                exit(usage: problem)
            }
        } catch {
            if let problem = CommandLineHints.unknownOption(arguments) { exit(usage: problem) }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    private static func exit(usage problem: String) -> Never {
        Terminal.printError("Error: \(problem)\nSee 'patchbook --help' for more information.\n")
        Foundation.exit(ExitCode.validationFailure.rawValue)
    }
}

/// Every command but the help needs patchbook's data (Content/ and Templates/): without it, one message.
func requireData() throws {
    if let missing = PatchbookResources.missing {
        Terminal.printError("error: \(missing)\n")
        throw ExitCode(1)
    }
}

/// `--catalog FILE`, repeatable, shared by the commands that read the catalog.
struct CatalogOptions: ParsableArguments {
    @Option(
        name: .customLong("catalog"),
        help: ArgumentHelp(
            "A catalog file of your own (newer cumulative updates, hotfixes) added on top of the built-in one. Repeatable.",
            valueName: "file"),
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var files: [String] = []

    /// The merged catalog; exits with code 1 after printing the diagnostics when it is invalid.
    func load() throws -> Catalog {
        try requireData()
        let (catalog, log) = Inputs.catalog(adding: files)
        try Terminal.report(log)
        return catalog
    }

    /// The catalog as `load()` gives it, and what `other` loads meanwhile on another core (the
    /// templates, whose diagnostics the caller reports where it did before).
    func load<Other: Sendable>(with other: () -> Other) throws -> (catalog: Catalog, other: Other) {
        try requireData()
        let files = files
        let ((catalog, log), result) = Concurrently.both({ Inputs.catalog(adding: files) }, other)
        try Terminal.report(log)
        return (catalog, result)
    }
}
