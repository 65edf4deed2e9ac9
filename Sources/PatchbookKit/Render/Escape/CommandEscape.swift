/// Quotes a value as one argument of a Windows command line, so that it survives both readers of
/// that line: cmd.exe (`%` expansion, then `^`, `&`, `|`, `<`, `>` outside double quotes) and the
/// program's C runtime, which splits the rest into arguments (backslashes before a `"` are halved
/// and escape it; 2n backslashes and a `"` give n backslashes and a delimiter).
///
/// A value without `"` becomes one double-quoted argument: cmd sees every special character inside
/// quotes, and the backslashes before each quote we write are doubled so that the runtime reads
/// them as themselves (`\\backup01\share\` gives `"\\backup01\share\\"`). A value with `"` (names
/// cannot hold one; a hand-written template value could) is quoted for the runtime (`\"`), and then
/// every cmd metacharacter, the quotes included, is escaped with `^`, so cmd never changes its
/// quoting state inside it. Line breaks and other control characters become spaces: a value never
/// ends a line.
enum CommandEscape {
    enum Context: Sendable {
        /// Typed at a Command Prompt: `%` is escaped with `^` outside the quotes (`"100"^%"`); an
        /// undefined variable is left as it is there, and no variable name holds `"^`.
        case prompt
        /// A line of a .cmd file: `%%` is a literal `%` (delayed expansion stays off in our
        /// scripts, so `!` is literal).
        case batch
    }

    @Sendable static func prompt(_ value: String) -> String { argument(value, in: .prompt) }

    @Sendable static func batch(_ value: String) -> String { argument(value, in: .batch) }

    static func argument(_ value: String, in context: Context) -> String {
        // Most values (server names, URLs) are printable ASCII without `%`, `"` or a final `\`.
        var text = value
        if text.withUTF8({ $0.allSatisfy(isPlain) }), value.utf8.last != backslash { return "\"" + value + "\"" }
        return value.utf8.contains(quote) ? caretQuoted(value, in: context) : quoted(value, in: context)
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "%") && byte != quote
    }

    /// A value without `"`: inside one pair of quotes, except that at a prompt each `%` stands
    /// outside them as `^%`.
    private static func quoted(_ value: String, in context: Context) -> String {
        var out = "\"", backslashes = 0
        for scalar in value.unicodeScalars {
            if scalar == "\\" {
                backslashes += 1
                continue
            }
            if scalar == "%" && context == .prompt {
                // The quote closed here must not be escaped by the backslashes before it.
                out += String(repeating: "\\", count: backslashes * 2) + #""^%""#
            } else {
                if backslashes > 0 { out += String(repeating: "\\", count: backslashes) }
                if scalar == "%" { out += "%%" } else { out.unicodeScalars.append(flattened(scalar)) }
            }
            backslashes = 0
        }
        return out + String(repeating: "\\", count: backslashes * 2) + "\""
    }

    /// A value with `"`: quoted for the C runtime (`\"`), then every cmd metacharacter escaped
    /// with `^` and no quote left for cmd to see.
    private static func caretQuoted(_ value: String, in context: Context) -> String {
        var runtime = "\"", backslashes = 0
        for scalar in value.unicodeScalars {
            if scalar == "\\" {
                backslashes += 1
                continue
            }
            let escapes = scalar == "\"" ? backslashes * 2 + 1 : backslashes
            runtime += String(repeating: "\\", count: escapes)
            runtime.unicodeScalars.append(flattened(scalar))
            backslashes = 0
        }
        runtime += String(repeating: "\\", count: backslashes * 2) + "\""
        var out = ""
        for scalar in runtime.unicodeScalars {
            switch scalar {
            case "%": out += context == .batch ? "%%" : "^%"
            case "^", "&", "|", "<", ">", "(", ")", "\"", "!": out += "^" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Control characters, line and paragraph separators and bidirectional overrides as a space.
    static func flattened(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Printable.isControl(scalar) ? " " : scalar
    }
}

/// String literals of PowerShell and T-SQL. Both work on Unicode scalars, not Characters: `"\r\n"`
/// is one Character, and a value must never end the line it stands on (a comment, say).
enum ScriptEscape {
    /// A single-quoted PowerShell string: nothing expands inside; quotes are doubled, and PowerShell
    /// also reads the typographic single quotes as quotes.
    @Sendable static func powershell(_ value: String) -> String {
        if value.utf8.allSatisfy({ isPrintableASCII($0) && $0 != UInt8(ascii: "'") }) { return "'" + value + "'" }
        var out = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}": out.unicodeScalars.append(scalar)
            default: break
            }
            out.unicodeScalars.append(CommandEscape.flattened(scalar))
        }
        return out + "'"
    }

    /// A T-SQL Unicode string literal: `N'...'` with quotes doubled. Identifiers are built from it
    /// with QUOTENAME inside the script, never by pasting names into SQL text. `$(` is split across
    /// two literals so that sqlcmd does not read it as one of its variables.
    @Sendable static func tsql(_ value: String) -> String {
        if value.utf8.allSatisfy({ isPrintableASCII($0) && $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "$") }) {
            return "N'" + value + "'"
        }
        var out = "N'"
        var previous: Unicode.Scalar?
        for scalar in value.unicodeScalars {
            switch scalar {
            case "'": out += "''"
            case "(" where previous == "$": out += "' + N'("
            default: out.unicodeScalars.append(CommandEscape.flattened(scalar))
            }
            previous = scalar
        }
        return out + "'"
    }

    /// Most values (names, paths, URLs) are printable ASCII without a quote: they are written as
    /// they are, which is what the loops above give them (they change only quotes, `$(` and
    /// control characters).
    private static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }
}
