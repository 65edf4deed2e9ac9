/// How Windows reads one command line, re-implemented for the tests from its documented rules, so
/// that a generated command can be checked argument by argument:
/// 1. cmd.exe expands `%`: in a .cmd file `%%` is `%`, `%NAME%` is the variable (empty when
///    undefined), `%1`, `%*` and `%~...` the script's arguments (none here) and a lone `%` goes;
///    at a prompt an undefined `%NAME%` stays as typed.
/// 2. cmd.exe reads `^` and quotes: outside double quotes `^` makes the next character literal and
///    `&`, `|`, `<`, `>` end the command (here: an injection); every `"` not escaped switches quoting.
/// 3. The program's C runtime (msvcrt's parse_cmdline, as CommandLineToArgvW) splits the rest:
///    2n backslashes and `"` give n backslashes and a quote that switches quoting; 2n+1 give n and
///    a literal `"`; `""` inside quotes is a literal `"`; other backslashes are themselves.
enum WindowsCommandLine {
    enum Mode { case prompt, batch }

    struct Injection: Error, CustomStringConvertible {
        let line: String
        let reason: String
        var description: String { "\(reason): \(line)" }
    }

    /// The arguments a program receives from `line` (its own name first).
    static func arguments(_ line: String, mode: Mode, environment: [String: String] = [:]) throws -> [String] {
        try split(specialCharacters(expandPercents(line, mode: mode, environment: environment)))
    }

    // MARK: cmd.exe, phase 1

    static func expandPercents(_ line: String, mode: Mode, environment: [String: String]) -> String {
        let chars = Array(line)
        var out = "", i = 0
        func variable(_ name: String) -> String? {
            environment.first { $0.key.lowercased() == name.lowercased() }?.value
        }
        while i < chars.count {
            guard chars[i] == "%" else {
                out.append(chars[i])
                i += 1
                continue
            }
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            if mode == .batch {
                if next == "%" {
                    out.append("%")
                    i += 2
                    continue
                }
                if let next, next.isNumber || next == "*" {
                    i += 2  // the script's arguments: none
                    continue
                }
                if next == "~" {
                    // %~dp0 and the like: a modifier list ending in a digit; none given, so nothing.
                    var j = i + 2
                    while j < chars.count, chars[j].isLetter || chars[j] == "$" || chars[j] == ":" { j += 1 }
                    i = j < chars.count && chars[j].isNumber ? j + 1 : j
                    continue
                }
            }
            if let close = chars[(i + 1)...].firstIndex(of: "%"), close > i + 1 {
                let name = String(chars[(i + 1)..<close])
                if let value = variable(name) {
                    out += value
                    i = close + 1
                    continue
                }
                if mode == .batch {
                    i = close + 1  // undefined: nothing
                    continue
                }
            }
            if mode == .prompt { out.append("%") }  // a lone % stays at a prompt, goes in a .cmd file
            i += 1
        }
        return out
    }

    // MARK: cmd.exe, phase 2

    static func specialCharacters(_ line: String) throws -> String {
        var out = "", quoted = false
        var iterator = line.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            if c == "\"" {
                quoted.toggle()
                out.unicodeScalars.append(c)
            } else if quoted {
                out.unicodeScalars.append(c)
            } else if c == "^" {
                guard let escaped = iterator.next() else {
                    throw Injection(line: line, reason: "a ^ at the end continues the command on the next line")
                }
                out.unicodeScalars.append(escaped)
            } else if "&|<>".unicodeScalars.contains(c) {
                throw Injection(line: line, reason: "'\(c)' outside quotes ends the command")
            } else if c == "\n" || c == "\r" {
                throw Injection(line: line, reason: "a line break inside the command")
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    // MARK: The C runtime

    static func split(_ commandLine: String) -> [String] {
        let chars = Array(commandLine.unicodeScalars)
        var arguments: [String] = [], i = 0, quoted = false
        while true {
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            if i >= chars.count { break }
            var argument = ""
            while i < chars.count {
                var backslashes = 0
                while i < chars.count, chars[i] == "\\" {
                    backslashes += 1
                    i += 1
                }
                if i < chars.count, chars[i] == "\"" {
                    argument += String(repeating: "\\", count: backslashes / 2)
                    if backslashes % 2 == 1 {
                        argument.append("\"")
                    } else if quoted, i + 1 < chars.count, chars[i + 1] == "\"" {
                        argument.append("\"")  // "" inside quotes: a literal quote
                        i += 1
                    } else {
                        quoted.toggle()
                    }
                    i += 1
                    continue
                }
                argument += String(repeating: "\\", count: backslashes)
                if i >= chars.count || (!quoted && (chars[i] == " " || chars[i] == "\t")) { break }
                argument.unicodeScalars.append(chars[i])
                i += 1
            }
            arguments.append(argument)
        }
        return arguments
    }
}
