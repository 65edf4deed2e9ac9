/// Quotes a value as one argument of a Windows command line. Inside double quotes, `&`, `|`, `<`,
/// `>`, `^` and `(` `)` are literal; `%` is not, and is escaped differently at a prompt and in a
/// batch file. Validation keeps `"` out of names; should one come, it is doubled, which keeps the
/// quoting balanced so that nothing after it is read as a command.
enum CommandEscape {
    /// At a Command Prompt, `%` is escaped with `^` outside the quotes: `"100"^%"`.
    @Sendable static func prompt(_ value: String) -> String {
        quoted(value, percent: #""^%""#)
    }

    /// In a .cmd file, `%%` is a literal `%` (delayed expansion stays off in our scripts, so `!` is literal).
    @Sendable static func batch(_ value: String) -> String {
        quoted(value, percent: "%%")
    }

    private static func quoted(_ value: String, percent: String) -> String {
        // Most values (server names, paths) hold none of the characters below.
        if !value.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + value + "\""
        }
        var out = "\""
        for character in value {
            switch character {
            case "%": out += percent
            case "\"": out += "\"\""
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }
}

/// String literals of PowerShell and T-SQL.
enum ScriptEscape {
    /// A single-quoted PowerShell string: nothing expands inside; quotes are doubled, and PowerShell
    /// also reads the typographic single quotes as quotes.
    @Sendable static func powershell(_ value: String) -> String {
        var out = "'"
        for character in value {
            if "'\u{2018}\u{2019}\u{201A}\u{201B}".contains(character) { out.append(character) }
            out.append(character == "\n" || character == "\r" ? " " : character)
        }
        return out + "'"
    }

    /// A T-SQL Unicode string literal: `N'...'` with quotes doubled. Identifiers are built from it
    /// with QUOTENAME inside the script, never by pasting names into SQL text. `$(` is split across
    /// two literals so that sqlcmd does not read it as one of its variables.
    @Sendable static func tsql(_ value: String) -> String {
        var out = "N'"
        var previous: Character?
        for character in value {
            switch character {
            case "'": out += "''"
            case "\n", "\r": out += " "
            case "(" where previous == "$": out += "' + N'("
            default: out.append(character)
            }
            previous = character
        }
        return out + "'"
    }
}
