import Foundation
import Testing

@testable import PatchbookKit

/// Values that try to break out of the argument, string or line they are written into.
enum InjectionCorpus {
    static let values: [String] = [
        #"\\backup01\sharepoint\"#, #"http://intranet\"#, #"C:\a b\\"#, #"\"#, #"\\"#,
        #"a"b"#, #"""#, #"\""#, #"a\\"b"#, #"x" -databasename OTHER -databaseserver OTHERSQL ""#,
        "-databasename OTHER -databaseserver OTHERSQL", #"\" & calc & \""#,
        "100%", "%PATH%", "%%", "%~dp0", "%1", "%*", "a%b%c", #"a\%b"#, "%COMPUTERNAME%x%",
        "^", "a^b", "^&calc", "&calc", "|calc", "<x", ">x", "a & b | c < d > e", "!PATH!", "(x)", ")",
        "$(calc)", "`x`", "'x'", "it's", "\u{201C}x\u{201D}", "\u{2018}x\u{2019}", "\u{201A}\u{201B}",
        "a\r\ncalc.exe", "a\ncalc", "a\rcalc", "a\r\n:!! calc", "a\u{2028}b", "a\u{85}b", "a\tb", "a\u{0}b", "a\u{202E}b",
        " lead", "trail ", "a  b", "", "WSS_Content_B\u{FC}cher", "\u{65E5}\u{672C}\u{8A9E}", "x\u{1F389}y", "e\u{301}",
        "--", "/*", "]]", "'; DROP TABLE x; --", "N'x", "$", "$(",
    ]

    /// What a value is once written: line breaks and other control characters are spaces.
    static func flattened(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { Printable.isControl($0) ? " " : $0 }))
    }

    /// Variables a command's expansion must never reach for.
    static let environment = ["PATH": "C:\\Windows", "COMPUTERNAME": "EVIL", "1": "one", "x": "X", "b": "B"]
}

/// Each value comes out of the escapers as exactly one argument or literal, unchanged, on one line.
@Suite struct CommandLineInjectionTests {
    @Test(arguments: [WindowsCommandLine.Mode.prompt, .batch])
    func everyValueArrivesAsOneArgument(mode: WindowsCommandLine.Mode) throws {
        for value in InjectionCorpus.values {
            try expectOneArgument(value, mode: mode)
        }
    }

    /// Random values from the characters that mean something to cmd, the C runtime, PowerShell and
    /// T-SQL, with some letters and non-ASCII.
    @Test func fuzzedValuesArriveAsOneArgument() throws {
        let alphabet: [Unicode.Scalar] =
            Array(#"\\\\\"""%%^&|<>!()'`$ -:;=,*?ab"#.unicodeScalars)
            + ["\u{FC}", "\u{2019}", "\u{201C}", "\r", "\n", "\t", "\u{1F389}"]
        var random = SeededGenerator(seed: 11)
        for _ in 0..<3_000 {
            var value = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &random) { value.append(alphabet.randomElement(using: &random) ?? "a") }
            let text = String(value)
            try expectOneArgument(text, mode: .prompt)
            try expectOneArgument(text, mode: .batch)
            #expect(Self.powershellLiteral(ScriptEscape.powershell(text)) == InjectionCorpus.flattened(text), "\(text.debugDescription)")
            #expect(Self.tsqlLiteral(ScriptEscape.tsql(text)) == InjectionCorpus.flattened(text), "\(text.debugDescription)")
        }
    }

    private func expectOneArgument(_ value: String, mode: WindowsCommandLine.Mode) throws {
        let escaped = mode == .prompt ? CommandEscape.prompt(value) : CommandEscape.batch(value)
        #expect(!escaped.unicodeScalars.contains { $0 == "\n" || $0 == "\r" })
        do {
            let arguments = try WindowsCommandLine.arguments("prog -a \(escaped) -b", mode: mode, environment: InjectionCorpus.environment)
            #expect(arguments == ["prog", "-a", InjectionCorpus.flattened(value), "-b"], "\(mode) \(value.debugDescription) as \(escaped)")
        } catch {
            Issue.record("\(mode) \(value.debugDescription) as \(escaped): \(error)")
        }
    }

    /// Every command line of `Templates/commands/`, as typed (`cmd/`) and in a .cmd file (`batch/`),
    /// with a hostile value in each of its slots: the same arguments as with harmless values.
    @Test func commandTemplatesKeepTheirArguments() throws {
        let templates = try #require(Fixtures.parsedTemplates)
        let commands = Fixtures.repository(["Templates/commands"])
        #expect(!commands.isEmpty)
        var slot = 0
        for (path, text) in commands.sorted(by: { $0.key < $1.key }) {
            let name = String(path.dropFirst("Templates/commands/".count).dropLast(".mustache".count))
            let slots = Set(text.matches(of: /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/).map { String($0.1) }).sorted()
            // A redirection the template writes itself (`> reg-query.txt`) is cmd's, not an
            // argument: it is taken off the end of the rendered line, where it must stay.
            let redirection = text.firstMatch(of: /\s>\s[A-Za-z0-9._-]+( 2>&1)?\s*$/).map {
                String($0.0).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            for value in InjectionCorpus.values {
                let placeholders = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, "VALUE\($0)") })
                var actual = placeholders
                actual[slots.isEmpty ? "" : slots[slot % slots.count]] = value
                slot += 1
                for (prefix, mode) in [("cmd", WindowsCommandLine.Mode.prompt), ("batch", .batch)] {
                    let render = { (values: [String: String]) -> String in
                        let line = (templates.library.render(Self.nested(values), withTemplate: "\(prefix)/\(name)") ?? "")
                            .trimmingCharacters(in: .newlines)
                        guard let redirection else { return line }
                        #expect(line.hasSuffix(" " + redirection), "\(prefix)/\(name): \(line)")
                        return String(line.dropLast(redirection.count + 1))
                    }
                    let expected = try WindowsCommandLine.arguments(render(placeholders), mode: mode).map { argument in
                        actual.first { "VALUE\(slots.firstIndex(of: $0.key) ?? -1)" == argument }.map {
                            InjectionCorpus.flattened($0.value)
                        } ?? argument
                    }
                    do {
                        let line = render(actual)
                        #expect(
                            try WindowsCommandLine.arguments(line, mode: mode, environment: InjectionCorpus.environment) == expected,
                            "\(prefix)/\(name) with \(value.debugDescription): \(line)")
                    } catch {
                        Issue.record("\(prefix)/\(name) with \(value.debugDescription): \(error)")
                    }
                }
            }
        }
    }

    /// `farm.backupShare` as `["farm": ["backupShare": ...]]`.
    private static func nested(_ values: [String: String]) -> [String: Any] {
        var out: [String: Any] = [:]
        for (key, value) in values {
            let parts = key.split(separator: ".").map(String.init)
            guard let head = parts.first else { continue }
            if parts.count == 1 {
                out[head] = value
            } else {
                var inner = out[head] as? [String: Any] ?? [:]
                for (innerKey, innerValue) in nested([parts.dropFirst().joined(separator: "."): value]) { inner[innerKey] = innerValue }
                out[head] = inner
            }
        }
        return out
    }

    @Test func scriptLiteralsHoldTheValue() {
        for value in InjectionCorpus.values {
            let powershell = ScriptEscape.powershell(value), tsql = ScriptEscape.tsql(value)
            for literal in [powershell, tsql] {
                #expect(!literal.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{85}" }, "\(literal)")
            }
            #expect(Self.powershellLiteral(powershell) == InjectionCorpus.flattened(value), "\(value.debugDescription)")
            #expect(Self.tsqlLiteral(tsql) == InjectionCorpus.flattened(value), "\(value.debugDescription)")
            #expect(!tsql.contains("$("), "sqlcmd would read a variable in \(tsql)")
        }
    }

    /// The value of one PowerShell single-quoted string, or nil when the text is not exactly one.
    static func powershellLiteral(_ text: String) -> String? {
        let quotes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]
        var scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, quotes.contains(scalars[0]), quotes.contains(scalars[scalars.count - 1]) else { return nil }
        scalars = Array(scalars[1..<(scalars.count - 1)])
        var out = String.UnicodeScalarView(), i = 0
        while i < scalars.count {
            if quotes.contains(scalars[i]) {
                guard i + 1 < scalars.count, quotes.contains(scalars[i + 1]) else { return nil }  // a lone quote ends the string
                i += 1
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// The value of T-SQL `N'...'` literals joined with ` + `, or nil when the text is anything else.
    static func tsqlLiteral(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView(), i = 0
        func starts(_ prefix: String) -> Bool {
            Array(prefix.unicodeScalars) == Array(scalars[i..<min(scalars.count, i + prefix.unicodeScalars.count)])
        }
        while true {
            guard starts("N'") else { return nil }
            i += 2
            while true {
                guard i < scalars.count else { return nil }
                if scalars[i] == "'" {
                    guard i + 1 < scalars.count, scalars[i + 1] == "'" else { break }
                    i += 1
                }
                out.append(scalars[i])
                i += 1
            }
            i += 1
            if i == scalars.count { return String(out) }
            guard starts(" + ") else { return nil }
            i += 3
        }
    }
}

/// The commands of a farm whose values end in backslashes and hold `%`, `^`, `&` and non-ASCII
/// letters, read back from its scripts (as a .cmd file) and pages (as typed) argument by argument.
@Suite struct ScriptQuotingTests {
    private static let fixture = "farms/hostile/quoting.yaml"

    private func site() throws -> (farm: Farm, files: [String: Data]) {
        let farm = try #require(Fixtures.farm(Self.fixture).farm)
        let (files, log) = try Pipeline.siteFiles(
            farms: [Fixtures.path(Self.fixture)], catalog: Fixtures.catalog, templates: try #require(Fixtures.templates))
        #expect(!log.hasErrors, "\(Fixtures.rendered(log))")
        return (farm, files)
    }

    /// The values each stsadm option may carry: the farm's own, nothing else.
    private func optionValues(_ farm: Farm) -> [String: Set<String>] {
        [
            "-url": Set(farm.databases.compactMap { $0.webApplication?.value }),
            "-databasename": Set(farm.databases.map(\.name.value)),
            "-databaseserver": Set(farm.databases.map(\.server.value)),
            "-contentDB": Set(farm.databases.map { "\($0.server.value):\($0.name.value)" }),
            "-directory": Set([farm.backupShare?.value].compactMap { $0 }),
            "-item": Set([farm.search.sharedServicesProvider?.value].compactMap { $0 }),
            "-o": ["deletecontentdb", "addcontentdb", "preparetomove", "backup"],
            "-backupmethod": ["full"],
        ]
    }

    @Test func everyCommandKeepsEveryValueWhole() throws {
        let (farm, files) = try site()
        let options = optionValues(farm)
        let accounts = Set([farm.accounts.setup?.value, farm.accounts.centralAdminAppPool?.value].compactMap { $0 })
        var checked = 0
        for (path, data) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".cmd") || path.hasSuffix(".md") {
            let mode: WindowsCommandLine.Mode = path.hasSuffix(".cmd") ? .batch : .prompt
            for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let command = line.drop { $0 == " " }
                guard command.hasPrefix("stsadm ") || command.hasPrefix("net localgroup ") else { continue }
                let arguments = try WindowsCommandLine.arguments(String(command), mode: mode, environment: InjectionCorpus.environment)
                checked += 1
                if arguments.first == "net" {
                    #expect(arguments.count == 5 && accounts.contains(arguments[3]), "\(path): \(command) gives \(arguments)")
                    continue
                }
                let pairs = arguments.dropFirst()
                #expect(pairs.count % 2 == 0, "\(path): \(command) gives \(arguments)")
                for index in stride(from: pairs.startIndex, to: pairs.endIndex - 1, by: 2) {
                    #expect(
                        options[pairs[index]]?.contains(pairs[index + 1]) == true,
                        "\(path): \(command) gives \(pairs[index]) \(pairs[index + 1])")
                }
            }
        }
        #expect(checked > 20)
    }

    /// install.cmd keeps each package's quoted path in a variable and runs `start "" /wait %PACKAGE%`:
    /// what the variable holds is then split again, into that one path.
    @Test func packagePathsSurviveTheVariable() throws {
        let (farm, files) = try site()
        let share = try #require(farm.packageShare?.value)
        let script = String(decoding: try #require(files["quoting/scripts/APP01-install.cmd"]), as: UTF8.self)
        let sets = script.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("set PACKAGE=") }
        #expect(!sets.isEmpty)
        for line in sets {
            let assigned = try WindowsCommandLine.specialCharacters(
                WindowsCommandLine.expandPercents(String(line), mode: .batch, environment: [:]))
            let value = String(assigned.dropFirst("set PACKAGE=".count))
            let path = WindowsCommandLine.split(value)
            #expect(path.count == 1 && path[0].hasPrefix(share) && !path[0].dropFirst(share.count).contains(" "), "\(line) holds \(value)")
        }
    }

    /// cmd.exe reads a .cmd file in the OEM code page, sqlcmd a .sql file and Windows PowerShell a
    /// .ps1 file in the ANSI code page, unless told otherwise: `chcp 65001` before the first
    /// non-ASCII line, a UTF-8 byte order mark.
    @Test func nonASCIIValuesSurviveTheCodePage() throws {
        let (_, files) = try site()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        for name in ["backup-databases.sql", "verify.ps1"] {
            let bytes = Array(try #require(files["quoting/scripts/\(name)"]))
            #expect(Array(bytes.prefix(3)) == bom, "\(name)")
            #expect(String(validating: bytes.dropFirst(3), as: UTF8.self) != nil, "\(name)")
        }
        #expect(
            Array(try #require(files["quoting/scripts/backup-databases.sql"])).firstRange(of: Array("N'WSS_Content_B\u{FC}cher'".utf8))
                != nil)
        var switched = 0
        for (path, data) in files where path.hasSuffix(".cmd") {
            let lines = Array(data).split(separator: 0x0A, omittingEmptySubsequences: false)
            let switchLine = lines.firstIndex { Array($0) == Array("chcp 65001 >nul\r".utf8) }
            let firstNonASCII = lines.firstIndex { $0.contains { $0 >= 0x80 } }
            #expect(Array(data.prefix(3)) != bom, "\(path): cmd.exe would run the byte order mark as a command")
            if let firstNonASCII {
                switched += 1
                #expect(
                    switchLine == 1 && firstNonASCII > 1,
                    "\(path): chcp 65001 is line \(String(describing: switchLine)), the first non-ASCII line \(firstNonASCII)")
                #expect(String(validating: data, as: UTF8.self) != nil, "\(path)")
            } else {
                #expect(switchLine == nil, "\(path): an ASCII script keeps the console's code page")
            }
        }
        #expect(switched == 2)  // detach and attach name WSS_Content_B\u{FC}cher; the install scripts are ASCII
        #expect(files.filter { $0.key.hasSuffix(".md") || $0.key.hasSuffix(".html") }.allSatisfy { Array($0.value.prefix(3)) != bom })
    }

    /// Where the text's first line holds non-ASCII itself, the switch comes before it.
    @Test func batchFilesSwitchBeforeTheirFirstNonASCIILine() {
        #expect(
            Array(ScriptEncoding.batch("@echo off\nrem B\u{FC}cher\n")) == Array("@echo off\r\nchcp 65001 >nul\r\nrem B\u{FC}cher\r\n".utf8)
        )
        #expect(Array(ScriptEncoding.batch("rem B\u{FC}cher\r\n")) == Array("chcp 65001 >nul\r\nrem B\u{FC}cher\r\n".utf8))
        #expect(Array(ScriptEncoding.batch("@echo off\necho x\n")) == Array("@echo off\r\necho x\r\n".utf8))
    }

    /// Random text: CRLF line ends only, the text itself unchanged, and the switch to UTF-8
    /// exactly when there is non-ASCII text, before it.
    @Test func fuzzedBatchFilesKeepTheirText() {
        var random = SeededGenerator(seed: 3)
        let pieces = ["@echo off", "\n", "\r\n", "\r", "rem ", "B\u{FC}cher", "x", " "]
        for _ in 0..<1_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let bytes = Array(ScriptEncoding.batch(text))
            #expect(!bytes.indices.contains { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }, "\(text.debugDescription)")
            let switchLine = Array("chcp 65001 >nul\r\n".utf8)
            let range = bytes.firstRange(of: switchLine)
            let hasNonASCII = text.utf8.contains { $0 >= 0x80 }
            #expect((range != nil) == hasNonASCII, "\(text.debugDescription)")
            var rest = bytes
            if let range {
                rest.removeSubrange(range)
                #expect(!bytes[..<range.lowerBound].contains { $0 >= 0x80 }, "\(text.debugDescription)")
                // Right after the first line when that line is ASCII and ends, else first of all.
                let firstLine = text.utf8.prefix { $0 != 0x0A }
                let afterFirstLine = firstLine.count < text.utf8.count && firstLine.allSatisfy { $0 < 0x80 }
                let expected = afterFirstLine ? firstLine.filter { $0 != 0x0D }.count + 2 : 0
                #expect(range.lowerBound == expected, "\(text.debugDescription)")
            }
            #expect(
                rest == Array(text.utf8).filter { $0 != 0x0D }.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }, "\(text.debugDescription)")
        }
    }

    /// Catalog text with line breaks is refused when loaded; should one get through, the escapers
    /// still keep it on its line in every script and page.
    @Test func lineBreaksInCatalogTextStayOnTheirLine() throws {
        var levels = Fixtures.catalog.levels
        for index in levels.indices { levels[index].name += "\r\ncalc.exe\n:!! calc\rStart-Process calc" }
        let (files, log) = try Pipeline.siteFiles(
            farms: [Fixtures.example("contoso-intranet.yaml")], catalog: Catalog(levels: levels),
            templates: try #require(Fixtures.templates))
        #expect(!log.hasErrors)
        #expect(files.keys.contains { $0.hasSuffix(".ps1") } && files.keys.contains { $0.hasSuffix(".sql") })
        // plan.json holds the text as JSON strings; the change request's .txt parts are wrapped
        // for reading, so a word of the name may start a line there, and they are never run.
        for (path, data) in files where !path.hasSuffix(".json") && !path.hasSuffix(".txt") {
            for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let start = line.drop { $0 == " " || $0 == "\u{FEFF}" }
                #expect(!start.hasPrefix("calc") && !start.hasPrefix(":!!") && !start.hasPrefix("Start-Process"), "\(path): \(line)")
            }
        }
    }
}
