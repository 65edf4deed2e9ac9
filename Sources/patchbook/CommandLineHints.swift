import ArgumentParser
import PatchbookKit

/// "Did you mean" for what ArgumentParser reports without one: an unknown subcommand (also after
/// `help`), and an option close to one the command has (`--ot` reads as a missing `--out`).
enum CommandLineHints {
    static var commands: [ParsableCommand.Type] { Patchbook.configuration.subcommands }

    /// The error for a command that does not exist (also after `help`, which ArgumentParser
    /// answers with the general help), or nil.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first else { return nil }
        let names = commands.compactMap { $0.configuration.commandName }
        if first == "help" {
            guard arguments.count > 1, !names.contains(arguments[1]) else { return nil }
            return unknownCommand(arguments[1], names)
        }
        if !first.hasPrefix("-") && !names.contains(first) { return unknownCommand(first, names) }
        return nil
    }

    /// Whether ArgumentParser answered the command line with a command of its own (the help,
    /// which a help flag brings up even beside a mistyped option), not one of patchbook's.
    static func isArgumentParsers(_ command: ParsableCommand) -> Bool {
        let parsed = ObjectIdentifier(type(of: command))
        return parsed != ObjectIdentifier(Patchbook.self) && !commands.contains { ObjectIdentifier($0) == parsed }
    }

    /// The error for an option close to one the command has, or nil. Reads the command's help:
    /// ask only once ArgumentParser has refused the command line, or answered it with its help.
    static func unknownOption(_ arguments: [String]) -> String? {
        guard let first = arguments.first, let command = commands.first(where: { $0.configuration.commandName == first }) else {
            return nil
        }
        return unknownOption(in: Array(arguments.dropFirst()), of: command)
    }

    private static func unknownCommand(_ name: String, _ names: [String]) -> String {
        "unknown command '\(Printable.escape(name))'" + (Suggestion.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? "")
            + " (commands: \(names.joined(separator: ", ")))"
    }

    /// The options a command has, read from its own help, so that this list cannot drift.
    static func options(of command: ParsableCommand.Type) -> [String] {
        let help = command.helpMessage(columns: 10_000)
        return Array(Set(help.matches(of: /--[a-z][a-z-]*/).map { String($0.0) })).sorted()
    }

    private static func unknownOption(in arguments: [String], of command: ParsableCommand.Type) -> String? {
        let known = options(of: command) + ["--help", "--version", "--generate-completion-script"]
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.prefix { $0 != "=" })
            guard !known.contains(name), let close = Suggestion.closest(to: name, in: known) else { continue }
            return "unknown option '\(Printable.escape(name))'; did you mean '\(close)'?"
        }
        return nil
    }
}
