import ArgumentParser
import Foundation
import PatchbookKit

/// Where the command line meets the terminal: diagnostics to stderr, exit codes.
enum Terminal {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints every diagnostic to stderr; throws exit code 1 when any of them is an error.
    static func report(_ log: DiagnosticLog) throws {
        let lines = log.sorted.map { "\($0)\n" }.joined()
        if !lines.isEmpty { printError(lines) }
        if log.hasErrors { throw ExitCode(1) }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
