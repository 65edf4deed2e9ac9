import Foundation
import Mustache

/// Reads template and prose files into one Mustache library, turning every problem into a
/// diagnostic with the file, line and column, so that a user's `--templates` copy is as easy to
/// fix as a farm description.
struct TemplateReader {
    struct File {
        let data: Data
        let display: String
    }

    var library = MustacheLibrary()
    /// Each parsed template that `TemplateRenderer` can render, by name.
    var compiled: [String: CompiledTemplate?] = [:]
    var log = DiagnosticLog()
    /// Every name a file was read for, parsed or not, so that a broken template is not also reported missing.
    var names: Set<String> = []
    /// The file each name was first read from.
    private var registeredBy: [String: String] = [:]
    /// Where each template comes from and its tags, by name, for `checkIncludes()` and
    /// `serverNamesRead(by:)`.
    private var origins: [String: Origin] = [:]

    private struct Origin {
        let display: String
        let lineOffset: Int
        let text: String
        let tags: TemplateTags

        func location(of offset: Int) -> SourceLocation {
            let (line, column) = TemplateTags.position(of: offset, in: text)
            return SourceLocation(file: display, line: line + lineOffset, column: column)
        }
    }

    /// The regular files under `directory` whose relative path `wanted` takes, by that path
    /// (links are not followed). Only those are read.
    mutating func files(in directory: URL, display: String, wanted: (String) -> Bool) -> [String: File] {
        guard let paths = Self.regularFiles(under: directory.path) else {
            log.error(.start(of: display), "cannot read the folder")
            return [:]
        }
        var files: [String: File] = [:]
        for relative in paths where wanted(relative) {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(relative).path) else {
                log.error(.start(of: "\(display)/\(relative)"), "cannot read the file")
                continue
            }
            files[relative] = File(data: data, display: "\(display)/\(relative)")
        }
        return files
    }

    /// The regular files under `root`, by relative path, read with readdir: Foundation's
    /// enumerator asked for each file's type took a fourteenth of a one-farm build. Nil when `root`
    /// cannot be read; a subfolder that cannot be read is skipped.
    static func regularFiles(under root: String, prefix: String = "") -> [String]? {
        guard let folder = opendir(root) else { return nil }
        defer { closedir(folder) }
        var found: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let path = root + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                type = (status.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (status.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0
            }
            if type == Int32(DT_REG) {
                found.append(prefix + name)
            } else if type == Int32(DT_DIR) {
                found += regularFiles(under: path, prefix: prefix + name + "/") ?? []
            }
        }
        return found
    }

    /// Checks `file` as template `name`, and queues it for `parseQueued()`. Without `language`,
    /// the file must name its own content type in a pragma (partials do not inherit it from the
    /// page that includes them).
    mutating func register(_ file: File, as name: String, language: Escapers.Language?, lineOffset: Int = 0, body: String? = nil) {
        // Which of two would be used depended on the order files were listed in.
        if let other = registeredBy[name] {
            log.error(.start(of: other), "'\(name)' is also the name of \(file.display): rename one of them")
            return
        }
        registeredBy[name] = file.display
        names.insert(name)
        guard let text = body ?? String(data: file.data, encoding: .utf8) else {
            log.error(.start(of: file.display), "the template is not UTF-8 text")
            return
        }
        var pragma = ""
        if let language {
            pragma = "{{% CONTENT_TYPE: \(language.rawValue) }}"
        } else if !text.hasPrefix("{{% CONTENT_TYPE:") {
            log.error(
                .start(of: file.display),
                "the template does not name its content type; start it with a line such as {{% CONTENT_TYPE: MARKDOWN }} (one of \(Escapers.Language.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
            return
        }
        let origin = Origin(display: file.display, lineOffset: lineOffset, text: text, tags: TemplateTags(text))
        origins[name] = origin
        // In a script or command line, a value unescaped ({{{x}}}, {{&x}}) could run as a command.
        let scripts: Set<String> = ["CMD", "BATCH", "POWERSHELL", "TSQL"]
        let type = language?.rawValue ?? text.dropFirst("{{% CONTENT_TYPE:".count).prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
        if scripts.contains(type) {
            for tag in origin.tags.tags where tag.sigil == "{" || tag.sigil == "&" {
                log.error(
                    origin.location(of: tag.offset),
                    "'\(tag.name)' is written unescaped in a \(type) template; write {{\(tag.name)}} so that it is quoted for the script")
            }
        }
        // swift-mustache parses sections by recursion: thousands of them would overflow the stack.
        if let offset = origin.tags.tooDeepAt {
            log.error(origin.location(of: offset), "sections are nested more than \(TemplateTags.limit) deep")
            return
        }
        queued.append(
            Queued(
                name: name, display: file.display, source: pragma + text, pragma: pragma.count, lineOffset: lineOffset,
                logged: log.entries.count))
    }

    /// A template checked and waiting to be parsed, and where its parse error goes in the log.
    private struct Queued: Sendable {
        let name: String
        let display: String
        let source: String
        let pragma: Int
        let lineOffset: Int
        let logged: Int
    }

    private var queued: [Queued] = []

    /// Compiles the queued templates: each whose exact source is precompiled, and whose
    /// precompiled form includes the partials its text does, each within as many sections, and
    /// nests no deeper (what `checkIncludes` checks on the text then holds for it), is taken from
    /// there; the others are parsed with swift-mustache and compiled (`parse`).
    mutating func parseQueued(precompiled: PrecompiledTemplates) {
        var parsing: [Queued] = []
        for item in queued {
            if PrecompiledTemplates.takes(item.name), let template = precompiled.template(for: item.source),
                let origin = origins[item.name], Self.sameIncludes(template, origin.tags), template.depth <= origin.tags.depth
            {
                taken.append(item)
                compiled[item.name] = template
                sources[item.name] = item.source
            } else {
                parsing.append(item)
            }
        }
        queued = []
        parse(parsing)
    }

    private static func sameIncludes(_ template: CompiledTemplate, _ tags: TemplateTags) -> Bool {
        let compiled = template.includes(), written = tags.includes
        return compiled.count == written.count
            && zip(compiled, written).allSatisfy { $0.name == $1.name && $0.depth == $1.depth && !$1.dynamic }
    }

    /// The templates taken precompiled, which swift-mustache's library lacks.
    private var taken: [Queued] = []

    /// Parses the templates taken precompiled too: swift-mustache renders a template left to it
    /// with the partials in its library, so when one is, it needs them all.
    mutating func parseTaken() {
        parse(taken)
        taken = []
    }

    /// The source each compiled template came from, by name (`PrecompiledTemplates.encode`).
    var sources: [String: String] = [:]

    /// Parses templates with swift-mustache and compiles them (`CompiledTemplate`), on every core.
    /// A parse error takes the place in the log that its template's other diagnostics have.
    private mutating func parse(_ work: [Queued]) {
        let parsed = Concurrently.map(work) { item in
            // A warning's text is rendered by swift-mustache: reading its tokens would be wasted.
            Result { try MustacheTemplate(string: item.source) }.map {
                ($0, PrecompiledTemplates.takes(item.name) ? CompiledTemplate($0) : nil)
            }
        }
        var errors: [(index: Int, diagnostic: Diagnostic)] = []
        for (item, result) in zip(work, parsed) {
            switch result {
            case .success(let (template, compiledTemplate)):
                library.register(template, named: item.name)
                compiled[item.name] = compiledTemplate
                if compiledTemplate != nil { sources[item.name] = item.source }
            case .failure(let error):
                errors.append((item.logged, .error(at: Self.location(of: error, in: item), "template error: \(Self.describe(error))")))
            }
        }
        for error in errors.reversed() { log.insert(error.diagnostic, at: error.index) }
    }

    private static func location(of error: Error, in item: Queued) -> SourceLocation {
        guard let error = error as? MustacheTemplate.ParserError else { return .start(of: item.display) }
        let line = error.context.lineNumber
        let column = line == 1 ? max(1, error.context.columnNumber - item.pragma) : error.context.columnNumber
        return SourceLocation(file: item.display, line: line + item.lineOffset, column: column)
    }

    /// Checks what templates include, once all are registered: swift-mustache renders a missing
    /// partial as nothing (a misspelt command would vanish from a script), and recurses without
    /// end into a partial that includes itself. Each partial must exist and be named, not chosen by
    /// a value (`{{>*name}}`); no template may include itself through others; and sections and
    /// partials together nest at most `TemplateTags.limit` deep.
    mutating func checkIncludes() {
        var reported: Set<String> = []
        var errors: [(SourceLocation, String)] = []
        func report(_ origin: Origin, _ include: TemplateTags.Include, _ message: String) {
            let location = origin.location(of: include.offset)
            // A command file is registered twice (cmd/, batch/): one message is enough.
            if reported.insert("\(location)\u{0}\(message)").inserted { errors.append((location, message)) }
        }
        let known = names.sorted()
        var depths: [String: Int] = [:], stack: [String] = []
        func depth(_ name: String) -> Int {
            if let known = depths[name] { return known }
            guard let origin = origins[name] else { return 0 }
            stack.append(name)
            var deepest = origin.tags.depth
            for include in origin.tags.includes {
                if include.dynamic {
                    report(origin, include, "'{{>*\(include.name)}}' lets a value choose the template to include; name the partial instead")
                } else if !names.contains(include.name) {
                    report(
                        origin, include,
                        "includes the template '\(include.name)', which does not exist" + Suggestion.hint(for: include.name, in: known))
                } else if let start = stack.firstIndex(of: include.name) {
                    let cycle = (stack[start...] + [include.name]).joined(separator: " → ")
                    report(
                        origin, include,
                        include.name == name
                            ? "includes itself; a template may not include itself"
                            : "includes '\(include.name)', which includes this template again (\(cycle)); a template may not include itself"
                    )
                } else {
                    let below = depth(include.name), total = include.depth + 1 + below
                    if total > TemplateTags.limit && below < TemplateTags.limit && include.depth <= TemplateTags.limit {
                        report(
                            origin, include,
                            "including '\(include.name)' here nests sections and partials \(total) deep; at most \(TemplateTags.limit) are allowed"
                        )
                    }
                    deepest = max(deepest, total)
                }
            }
            stack.removeLast()
            depths[name] = deepest
            return deepest
        }
        for name in origins.keys.sorted() { _ = depth(name) }
        for (location, message) in errors { log.error(location, message) }
    }

    /// `Content/steps/RULE.md`: a front matter with the step's `title`, then its Markdown body,
    /// registered as the template `steps/RULE`. Takes Content's files by path (those under
    /// `steps/`), and returns the titles by rule.
    mutating func steps(_ content: [String: File]) -> [String: String] {
        var steps: [String: String] = [:]
        for (path, file) in content where path.hasPrefix("steps/") && path.hasSuffix(".md") {
            let rule = String(path.dropFirst("steps/".count).dropLast(3))
            guard let text = String(data: file.data, encoding: .utf8), text.hasPrefix("---\n"),
                let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
            else {
                log.error(.start(of: file.display), "a step file starts with a front matter: ---, title: ..., ---")
                continue
            }
            let front = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
            guard let title = Self.plainTitle(front) ?? ((YAMLDocument.plainValue(front) as? [String: Any])?["title"] as? String) else {
                log.error(SourceLocation(file: file.display, line: 2, column: 1), "the front matter needs a 'title'")
                continue
            }
            let lines = text[..<end.upperBound].filter { $0 == "\n" }.count
            register(file, as: "steps/\(rule)", language: .markdown, lineOffset: lines, body: String(text[end.upperBound...]))
            steps[rule] = title
        }
        return steps
    }

    /// The title of a front matter that is one line `title: Words of the title`, read without a
    /// YAML parser (41 of them took a sixth of start-up): only where YAML reads the same text,
    /// a plain scalar of several words starting with a letter, which no YAML type (a number, a
    /// date, true, null) can be, holding nothing that YAML gives a meaning (`: `, ` #`). Nil
    /// otherwise, and Yams reads it.
    static func plainTitle(_ front: String) -> String? {
        guard front.hasPrefix("title: "), !front.contains("\n") else { return nil }
        let value = front.dropFirst("title: ".count)
        guard let first = value.utf8.first, first.isASCIIAlphanumeric, !first.isASCIIDigit, value.contains(" "),
            value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }), !value.contains(": "), !value.contains(" #"),
            !value.hasSuffix(":"), !value.hasSuffix(" ")
        else { return nil }
        return String(value)
    }

    /// What template `name`, with the partials it includes, reads of a server page's own values
    /// (`onServer`): nil when it never mentions them; otherwise the names it can look up among
    /// them: `X` of each `onServer.X`, and the first part of every name used inside a
    /// `{{#onServer}}` section, where those values are in scope (`.` standing for all of them,
    /// as for `{{onServer}}` itself, which prints them all).
    func serverNamesRead(by name: String) -> Set<String>? {
        var reads: Set<String>?
        scan(name, insideServer: false, including: [], into: &reads)
        return reads
    }

    private func scan(_ name: String, insideServer: Bool, including: Set<String>, into reads: inout Set<String>?) {
        guard !including.contains(name), let origin = origins[name] else { return }
        // Whether each open section is `{{#onServer}}`.
        var open: [Bool] = []
        for tag in origin.tags.tags {
            let sigil = tag.sigil, path = tag.name, parts = path.split(separator: ".").map(String.init)
            let inside = insideServer || open.contains(true)
            if sigil == ">" {
                // A dynamic partial (`{{>*name}}`) hides what it includes: count it as reading everything.
                if path.hasPrefix("*") { reads = (reads ?? []).union(["."]) }
                scan(path, insideServer: inside, including: including.union([name]), into: &reads)
                continue
            }
            if sigil == "/" {
                _ = open.popLast()
                continue
            }
            if parts.first == "onServer" {
                reads = reads ?? []
                if parts.count > 1 {
                    reads?.insert(parts[1])
                } else if sigil != "#" && sigil != "^" {
                    // `{{onServer}}` prints the view itself: every field of it.
                    reads?.insert(".")
                }
            }
            if inside { reads = (reads ?? []).union([path == "." ? "." : parts.first ?? path]) }
            if sigil == "#" || sigil == "^" { open.append(sigil == "#" && path == "onServer") }
        }
    }

    /// `Content/warnings.yaml`: a text for every warning code, naming only the facts that warning
    /// gives (a misspelt code or fact would otherwise render as nothing).
    mutating func warnings(_ url: URL) {
        let display = "Content/warnings.yaml"
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8),
            let texts = YAMLDocument.plainValue(text) as? [String: String]
        else {
            log.error(.start(of: display), "cannot read the warning texts: a map of warning codes to text")
            return
        }
        let codes = WarningCode.allCases.map(\.rawValue)
        for (name, body) in texts.sorted(by: { $0.key < $1.key }) {
            guard let code = WarningCode(rawValue: name) else {
                log.error(.start(of: display), "'\(name)' is not a warning patchbook gives" + Suggestion.hint(for: name, in: codes))
                continue
            }
            let facts = Set(code.facts.map(\.rawValue))
            // The one tag scan, as for templates: changed delimiters and {{&name}} are read too.
            for tag in TemplateTags(body).tags where !facts.contains(tag.name) {
                let given = facts.isEmpty ? "none" : facts.sorted().joined(separator: ", ")
                log.error(
                    .start(of: display), "the text of '\(name)' names '\(tag.name)', a fact that warning does not give (it gives: \(given))"
                )
            }
            register(File(data: Data(body.utf8), display: "\(display) (\(name))"), as: "warnings/\(name)", language: .text)
        }
        for code in codes where texts[code] == nil {
            log.error(.start(of: display), "the text of warning '\(code)' is missing")
        }
    }

    /// `Content/labels.yaml`: a flat map of label keys to text.
    mutating func labels(_ url: URL) -> [String: String] {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8),
            let labels = YAMLDocument.plainValue(text) as? [String: String]
        else {
            log.error(.start(of: "Content/labels.yaml"), "cannot read the labels: a map of keys to text")
            return [:]
        }
        return labels
    }

    private static func describe(_ error: Error) -> String {
        guard let parserError = error as? MustacheTemplate.ParserError else { return String(describing: error) }
        switch parserError.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            return "unknown pragma; the content types are \(Escapers.Language.allCases.map(\.rawValue).joined(separator: ", "))"
        default: return String(describing: parserError.error)
        }
    }
}
