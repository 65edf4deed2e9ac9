import ArgumentParser
import Foundation
import PatchbookKit

/// Where the command line meets the terminal: diagnostics to stderr, exit codes.
enum Terminal {
    /// Writes to stderr. One that cannot be written (a full disk, a closed pipe) is no reason to
    /// stop with a crash: the exit code still says how the command ended.
    static func printError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// Runs `render`, turning a page or script that could not be written into one error line and
    /// exit code 1, never an empty output.
    static func rendering<Result>(_ render: () throws -> Result) throws -> Result {
        do {
            return try render()
        } catch let error as RenderError {
            printError("error: \(error)\n")
            throw ExitCode(1)
        }
    }

    /// Prints every diagnostic to stderr (warnings left out when `quiet`); throws exit code 1
    /// when any of them is an error, or, when `strict`, a warning.
    static func report(_ log: DiagnosticLog, quiet: Bool = false, strict: Bool = false) throws {
        let warned = log.entries.contains { $0.severity == .warning }
        // Warnings that fail a strict run are shown even when quiet: they are its reason.
        let shown = log.sorted.filter { !quiet || $0.severity == .error || strict }
        let lines = shown.map { "\($0)\n" }.joined()
        if !lines.isEmpty { printError(lines) }
        if log.hasErrors || (strict && warned) { throw ExitCode(1) }
    }

    /// Writes to standard output. A write that fails (a full disk) is one error and exit code 1,
    /// never a crash; a closed pipe ends the program quietly, as SIGPIPE does for other tools.
    static func write(_ text: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            printError("error: cannot write the output: \((error as NSError).localizedDescription)\n")
            throw ExitCode(1)
        }
    }

    /// The "farms done / total" line on stderr: only on a terminal (or with --verbose), redrawn in
    /// place and cleared at the end.
    final class Progress: @unchecked Sendable {
        enum Mode { case quiet, auto, verbose }

        private let enabled: Bool
        private let interactive: Bool
        private let noun: String
        private let lock = NSLock()
        private var lastDrawn = Date.distantPast
        private var drewLine = false

        init(mode: Mode, noun: String) {
            interactive = isatty(STDERR_FILENO) == 1
            enabled = mode == .verbose || (mode == .auto && interactive)
            self.noun = noun
        }

        func update(_ done: Int, _ total: Int) {
            guard enabled else { return }
            lock.withLock {
                let now = Date()
                // A terminal line is redrawn ten times a second; a log gets a line a second.
                guard done == total || now.timeIntervalSince(lastDrawn) >= (interactive ? 0.1 : 1) else { return }
                lastDrawn = now
                drewLine = true
                printError(interactive ? "\r\(done)/\(total) \(noun)" : "\(done)/\(total) \(noun)\n")
            }
        }

        func finish() {
            lock.withLock {
                if drewLine && interactive { printError("\r\u{1B}[K") }
            }
        }
    }
}
