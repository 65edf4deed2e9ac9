import Foundation
import Testing

@testable import PatchbookKit

private func build(_ paths: [String]) throws -> [String: Data] {
    let (files, log) = try Pipeline.siteFiles(farms: paths, catalog: Fixtures.catalog, templates: try #require(Fixtures.templates))
    #expect(!log.hasErrors, "\(Fixtures.rendered(log))")
    return files
}

private func text(_ data: Data?) -> String { data.flatMap { String(data: $0, encoding: .utf8) } ?? "" }

/// The shipped example farms' whole site matches `Fixtures/golden/site` byte for byte
/// (`make golden` rewrites it; review the diff).
@Suite struct GoldenSiteTests {
    @Test func siteMatchesGolden() throws {
        let files = try build(Fixtures.exampleFarms.keys.sorted().map { Fixtures.example("\($0).yaml") })
        let golden = Fixtures.tree("golden/site")
        #expect(files.keys.sorted() == golden.keys.sorted())
        for (path, data) in files.sorted(by: { $0.key < $1.key }) where golden[path] != data {
            Issue.record("\(path) differs from the golden file")
        }
    }

    @Test func cmdScriptsUseCRLFOnly() throws {
        let files = try build([Fixtures.example("fabrikam-large-farm.yaml")])
        let scripts = files.filter { $0.key.hasSuffix(".cmd") }
        #expect(scripts.count == 7)
        for (path, data) in scripts {
            let bytes = Array(data)
            let bareLF = bytes.indices.contains { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }
            #expect(!bareLF, "\(path) has a line feed without carriage return")
        }
    }

    /// Same inputs, same bytes: twice in a row, and with the description's keys in another order.
    @Test func outputsDependOnlyOnTheInputs() throws {
        let first = try build([Fixtures.path("farms/valid/minimal.yaml")])
        #expect(try build([Fixtures.path("farms/valid/minimal.yaml")]) == first)
        #expect(try build([Fixtures.path("farms/valid/minimal-reordered.yaml")]) == first)
    }

    /// Each HTML page's main content is its Markdown twin through cmark, though shared step bodies
    /// are converted once and spliced in.
    @Test func htmlIsTheMarkdownThroughCmark() throws {
        let files = try build(Fixtures.exampleFarms.keys.sorted().map { Fixtures.example("\($0).yaml") })
        for (path, data) in files where path.hasSuffix(".md") {
            let page = text(files[String(path.dropLast(3)) + ".html"])
            let start = try #require(page.firstRange(of: "<main>\n"))
            let end = try #require(page.firstRange(of: "</main>"))
            #expect(String(page[start.upperBound..<end.lowerBound]) == CommonMark.html(text(data)) + "\n", "\(path)")
        }
    }

    /// Each farm page links to pages that exist; Markdown links to .md, HTML links to .html.
    @Test func linksPointAtPagesThatExist() throws {
        let files = try build(Fixtures.exampleFarms.keys.sorted().map { Fixtures.example("\($0).yaml") })
        for (path, data) in files where path.hasSuffix(".html") {
            let folder = (path as NSString).deletingLastPathComponent
            for href in text(data).matches(of: /(?:href|src)="([^"]+)"/).map({ String($0.1) }) where !href.contains("://") {
                let (file, fragment) = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    .map(String.init).splitFragment
                var parts: [Substring] = []
                for part in (folder + "/" + file).split(separator: "/") where part != "." {
                    if part == ".." { _ = parts.popLast() } else { parts.append(part) }
                }
                let target = file.isEmpty ? path : parts.joined(separator: "/")
                #expect(files[target] != nil, "\(path) links to \(href), which is not written")
                #expect(!file.hasSuffix(".md"), "\(path) links to the Markdown page \(href), not its HTML twin")
                if let fragment, let page = files[target] {
                    #expect(text(page).contains(" id=\"\(fragment)\""), "\(path) links to \(href), which has no such id")
                }
            }
        }
    }
}

/// Values that mean something in an output language come out as the text they are.
@Suite struct HostileValueTests {
    static let farmName = "<script>alert('x')</script> *bold* _it_ [link](http://evil) | `tick` $(calc) 100% ]] ' &amp; # ~~s~~"
    static let database = "Content 100% $(calc) `y` & <i>"

    private func site() throws -> [String: Data] { try build([Fixtures.path("farms/hostile/hostile.yaml")]) }

    @Test func markdownShowsValuesAsText() throws {
        for (path, data) in try site() where path.hasSuffix(".md") {
            let html = CommonMark.html(text(data))
            #expect(!html.contains("<script") && !html.contains("<i>") && !html.contains("<b>"), "\(path)")
            #expect(!html.contains("<em>bold") && !html.contains("href=\"http://evil\""), "\(path)")
        }
        let page = CommonMark.html(text(try site()["hostile/index.md"]))
        #expect(
            page.contains(
                "&lt;script&gt;alert('x')&lt;/script&gt; *bold* _it_ [link](http://evil) | `tick` $(calc) 100% ]] ' &amp;amp; # ~~s~~"))
    }

    @Test func htmlPagesCarryNoMarkupFromValues() throws {
        for (path, data) in try site() where path.hasSuffix(".html") {
            // The one script is ours, the checklist's ticks, from the layout.
            let page = text(data).replacing(/<script src="(\.\.\/)*assets\/checklist\.js"><\/script>/, with: "", maxReplacements: 1)
            #expect(!page.contains("<script") && !page.contains("<i>"), "\(path)")
        }
        #expect(text(try site()["hostile/index.html"]).contains("<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    /// In .cmd files a value is one quoted argument with `%` doubled; quotes stay balanced on every line.
    @Test func cmdScriptsQuoteEveryValue() throws {
        let files = try site()
        let attach = text(files["hostile/scripts/attach-content-databases.cmd"])
        #expect(
            attach.contains(
                #"-url "http://intranet/a%%20b?x='1'&y=2" -databasename "Content 100%% $(calc) `y` & <i>" -databaseserver "SQL01""#))
        for (path, data) in files where path.hasSuffix(".cmd") {
            for line in text(data).split(separator: "\r\n") {
                #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(path): \(line)")
            }
        }
        #expect(text(files["hostile/scripts/APP01-install.cmd"]).contains(#"set PACKAGE="\\files01\sp updates & 100%%\$(x)\wssv3sp2"#))
    }

    @Test func sqlScriptPassesNamesAsStrings() throws {
        let sql = text(try site()["hostile/scripts/backup-databases.sql"])
        #expect(sql.contains("VALUES (N'Content 100% $' + N'(calc) `y` & <i>', N'full', "))
        #expect(sql.contains("VALUES (N'Config]''; DROP TABLE x; --', N'simple', "))
        // Names reach SQL text only through QUOTENAME; the recovery model only as one of two keywords.
        #expect(
            sql.contains(
                "N'ALTER DATABASE ' + QUOTENAME(@db) + N' SET RECOVERY '\n                + CASE @model WHEN N'full' THEN N'FULL' ELSE N'SIMPLE' END"
            ))
        #expect(sql.contains("SET @folder = N'\\\\backup01\\it''s ]] 100%';"))
    }

    @Test func powershellQuotesValues() throws {
        let script = text(try site()["hostile/scripts/verify.ps1"])
        #expect(script.contains("'<script>alert(''x'')</script>"))
        #expect(!script.contains("\"<script"))
    }
}

/// The escapers and the cmark converter, on their own.
@Suite struct EscaperTests {
    /// ASCII punctuation and spaces, including every character Markdown gives a meaning to.
    static let alphabet = Array(#"aZ1 .)(*_`[]<>&|~#+-=!\"'{}:;,?/%$^@"#)

    /// A value escaped for Markdown renders as exactly itself, whatever it holds.
    @Test func markdownEscapeRoundTrips() {
        var generator = SeededGenerator(seed: 7)
        var samples = [
            HostileValueTests.farmName, HostileValueTests.database, "1. x", "12.0.6520.5000", "- item", "# h", "    code", "=", "> q",
        ]
        for _ in 0..<400 {
            samples.append(
                String((0..<Int.random(in: 1...12, using: &generator)).map { _ in Self.alphabet.randomElement(using: &generator) ?? "a" }))
        }
        // The value alone, after text, between template punctuation, and starting a list item.
        for sample in samples where !sample.trimmingCharacters(in: .whitespaces).isEmpty {
            let escaped = MarkdownEscape.text(sample)
            let literal = htmlEscaped(sample)
            #expect(CommonMark.html("x " + escaped) == "<p>x " + htmlEscaped(sample.trimmingTrailingSpaces) + "</p>\n", "\(sample)")
            #expect(CommonMark.html("(" + escaped + ") **b**") == "<p>(" + literal + ") <strong>b</strong></p>\n", "\(sample)")
            #expect(CommonMark.html("a_" + escaped + "_b") == "<p>a_" + literal + "_b</p>\n", "\(sample)")
            #expect(CommonMark.html("- " + escaped + " x") == "<ul>\n<li>" + literal + " x</li>\n</ul>\n", "\(sample)")
        }
    }

    /// The quick pass lets a value through untouched only where the full pass changes nothing,
    /// and lets the usual names, addresses and builds through.
    @Test func theQuickPassAgreesWithTheFullOne() {
        var generator = SeededGenerator(seed: 31)
        let bytes: [UInt8] = Array(0x01...0x7F) + [0xC3, 0xA9, 0xE2, 0x82, 0xAC]
        let pieces = bytes.map { [$0] } + ["a", "1", "_", ".", ")", " ", "-"].map { Array($0.utf8) }
        var agreed = 0
        for _ in 0..<20_000 {
            let value = (0..<Int.random(in: 1...6, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator) ?? [] }
            value.withUnsafeBufferPointer { buffer in
                guard MarkdownEscape.needsNothing(buffer) else { return }
                agreed += 1
                #expect(MarkdownEscape.escaped(buffer) == nil, "\(value)")
            }
        }
        #expect(agreed > 1_000)
        for value in ["WSS_Content_Intranet", "http://intranet.contoso.com:80/sites/a", "12.0.6520.5000", "Farm 00031 (x86)", "é 1) a"] {
            #expect(Array(value.utf8).withUnsafeBufferPointer(MarkdownEscape.needsNothing), "\(value)")
        }
    }

    /// Table cells that skip cmark are exactly those cmark would give back unchanged.
    @Test func plainCellsRenderAsThemselves() {
        var generator = SeededGenerator(seed: 11)
        let letters = Self.alphabet + Array("0123456789.)é ")
        var samples = [
            "12.0.6520.5000", "1.", "1. x", "2) y", "1)x", "SRV01", "KB975002", "Größe 12", "a  b", "x ~~y~~", "a &amp; b",
            "WSS_Content_1", #"CONTOSO\sp_setup"#, "a_", "a_ b", "a__b", #"a\."#, #"a\"#, #"a\\b"#, "é_a", "#", "##", "# 1", "#1", "# a #",
        ]
        for _ in 0..<2000 {
            samples.append(
                String((0..<Int.random(in: 1...10, using: &generator)).map { _ in letters.randomElement(using: &generator) ?? "a" }))
        }
        var plain = 0
        for sample in samples.map({ $0.trimmingCharacters(in: .whitespaces) }) where !sample.isEmpty {
            let viaCmark = CommonMark.inlineThroughCmark([sample])[0]
            if Array(sample.utf8).withUnsafeBufferPointer(CommonMark.rendersAsItself) {
                plain += 1
                #expect(viaCmark == sample, "\(sample)")
            }
            if !sample.contains("|") {
                let table = Table(["| h |", "| - |", "| \(sample) |"]).map { String(decoding: $0.html.dropLast(), as: UTF8.self) }
                #expect(table?.contains("<td>" + viaCmark + "</td>") == true, "\(sample)")
            }
        }
        #expect(plain > 100)
    }

    @Test func codeSpansShowValuesLiterally() {
        for sample in ["a`b", "``x``", "`start", "plain", #"C:\dir\*"#] {
            #expect(CommonMark.html(MarkdownEscape.codeSpan(sample)) == "<p><code>" + htmlEscaped(sample) + "</code></p>\n")
        }
    }

    /// A heading's closing `#`s are stripped by CommonMark; a name's own are not.
    @Test func headingsKeepTrailingHashes() {
        for sample in ["Farm #", "Farm ##", "#", "C#", "Farm # ", "Farm #\t#", "# 1"] {
            let text = sample.trimmingTrailingSpaces
            let id = HeadingAnchors.slug(text)
            let link = " <a class=\"anchor\" id=\"\(id)\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>"
            #expect(
                CommonMark.html("# " + MarkdownEscape.text(sample)) == "<h1>" + htmlEscaped(text) + link + "</h1>\n",
                "\(sample)")
        }
        #expect(MarkdownEscape.text("Team #1") == "Team #1")
    }

    @Test func commandEscaping() {
        #expect(CommandEscape.batch("100% a&b") == #""100%% a&b""#)
        #expect(CommandEscape.prompt("100% a&b") == #""100"^%" a&b""#)
        // A quote: escaped for the C runtime, and every quote and metacharacter escaped for cmd.
        #expect(CommandEscape.batch(#"a"b&"#) == #"^"a\^"b^&^""#)
        // Backslashes before a closing quote are doubled, so they do not escape it.
        #expect(CommandEscape.batch(#"\\backup01\share\"#) == #""\\backup01\share\\""#)
        #expect(CommandEscape.prompt(#"a\%b"#) == #""a\\"^%"b""#)
    }

    @Test func scriptEscaping() {
        #expect(ScriptEscape.powershell("it's \u{2019}x") == "'it''s \u{2019}\u{2019}x'")
        #expect(ScriptEscape.tsql("O'Brien $(v)") == "N'O''Brien $' + N'(v)'")
    }

    @Test func tablesTaskListsAndLinks() {
        let html = CommonMark.html(
            "| # | a \\| b |\n| ---: | --- |\n| 1 | `x` [A](servers/A.md) |\n\n- [ ] todo\n- [x] done\n\n[page](servers/A.md) [web](http://x/y.md)\n"
        )
        #expect(html.contains("<th class=\"right\">#</th>"))
        #expect(html.contains("<th>a | b</th>"))
        #expect(html.contains("<td><code>x</code> <a href=\"servers/A.html\">A</a></td>"))
        #expect(html.contains("<li class=\"task\"><input type=\"checkbox\"> todo</li>"))
        #expect(html.contains("<input type=\"checkbox\" checked> done"))
        #expect(html.contains("href=\"servers/A.html\"") && html.contains("href=\"http://x/y.md\""))
    }

    /// Only items that start with the checkbox are marked, tight or loose; other tags starting
    /// with `<l`, and a `<` or `<l` at the very end, pass through.
    @Test func taskItemsAreMarkedByTheirBytes() {
        let checkbox = TaskItems.checkbox
        for (html, expected) in [
            ("<li>\(checkbox)> a</li>", "<li class=\"task\">\(checkbox)> a</li>"),
            ("<li>\n<p>\(checkbox)> a</p>", "<li class=\"task\">\n<p>\(checkbox)> a</p>"),
            ("<li>b</li><link><li>\n<p>c", "<li>b</li><link><li>\n<p>c"),
            ("<ul><li>\(checkbox)><l", "<ul><li class=\"task\">\(checkbox)><l"),
            ("x <", "x <"), ("<li", "<li"),
        ] {
            let marked = Array(html.utf8).withUnsafeBufferPointer { TaskItems.marked($0) }
            #expect(String(decoding: marked, as: UTF8.self) == expected, "\(html.debugDescription)")
        }
    }

    /// A cell's paragraph tags come off by their bytes, whatever follows or precedes them (a
    /// combining mark after `<p>`, U+0600 before `</p>`), and raw `</p>` in a cell stays in that cell.
    @Test func cellParagraphTagsComeOffByTheirBytes() {
        for (page, cell) in [
            ("| a | b |\n| - | - |\n| *a* | \u{338}*x* |\n", "<td>\u{338}<em>x</em></td>"),
            ("| a |\n| - |\n| *x*\u{600} |\n", "<td><em>x</em>\u{600}</td>"),
            ("| a | b |\n| - | - |\n| *a* | x</p>&#10;<p>y |\n", "<td>x</p>\n<p>y</td>"),
        ] {
            #expect(CommonMark.html(page).contains(cell), "\(page.debugDescription)")
        }
    }

    /// A delimiter cell is dashes with colons at either end (any number of them); anything
    /// else there, a combining mark on a dash included, leaves the lines a paragraph.
    @Test func tableAlignments() {
        let html = CommonMark.html("| a | b | c | d |\n| --- | :-- | --: | ::-:: |\n| 1 | 2 | 3 | 4 |\n")
        for cell in ["<th>a</th>", #"<th class="left">b</th>"#, #"<th class="right">c</th>"#, #"<th class="center">d</th>"#] {
            #expect(html.contains(cell), "\(cell)")
        }
        for delimiter in [":", "::", "-\u{301}-", "- -", "-x-", ""] {
            #expect(!CommonMark.html("| a |\n| \(delimiter) |\n| 1 |\n").contains("<table>"), "\(delimiter.debugDescription)")
        }
    }

    private func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Every name or dotted path a template or a piece of prose uses exists in the values it is rendered with:
/// swift-mustache renders an unknown name as an empty string, which would silently drop a value.
@Suite struct TemplateKeyTests {
    @Test func everyTemplateNameExists() throws {
        let templates = try #require(Fixtures.templates)
        var keys: Set<String> = ["."]
        // The examples, and farms that fill the values the examples leave out (SSP name, SQL versions).
        let farms =
            try Fixtures.exampleFarms.keys.sorted().map { try #require(Fixtures.exampleFarm("\($0).yaml").farm) }
            + [
                try #require(Fixtures.farm("farms/hostile/hostile.yaml").farm),
                try farm(["target: 2009-10-cu": "target: sp2"]),
                try farm(["current: sp1": "current: rtm", "target: 2009-10-cu": "target: sp1"]),
            ]
        for farm in farms {
            let plan = try Planner.plan(farm, catalog: Fixtures.catalog)
            let pages = FarmPages(farm: farm, plan: plan, templates: templates)
            try pages.views().forEach { collectKeys($0, into: &keys) }
            collectKeys(PlanSummary.view(farm: farm, plan: plan, templates: templates), into: &keys)
            collectKeys(
                SitePages.indexView([try #require(SitePages.IndexEntry(farm: farm))], templates), into: &keys)
        }
        collectKeys(SitePages.catalogView(Fixtures.catalog), into: &keys)
        collectKeys(StatusView(EvidenceSamples.everyField, templates: templates), into: &keys)
        collectKeys(Starter.view(product: .moss2007, standalone: false), into: &keys)
        collectKeys(LayoutView(title: "", root: "", kind: "", body: "", farmNav: FarmNavView(id: "", name: "")), into: &keys)
        let sources = Fixtures.repository(["Templates", "Content"]).filter { $0.key.hasSuffix(".mustache") || $0.key.hasSuffix(".md") }
        #expect(sources.count > 50)
        for (path, source) in sources {
            for tag in TemplateTags(source).tags where tag.sigil != ">" && !tag.name.hasPrefix("%") && !keys.contains(tag.name) {
                Issue.record("\(path) uses '\(tag.name)', and no context has that name (or path)")
            }
        }
    }

    /// `Templates.label` falls back to the key itself; every key the code asks for is in labels.yaml.
    @Test func everyLabelExists() throws {
        let templates = try #require(Fixtures.templates)
        let keys =
            Product.allCases.map { "product.\($0.rawValue)" } + Plan.Phase.allCases.map { "phase.\($0.rawValue)" }
            + ["phase.standalone", "unknown", "file-unknown", "grant.databases-on", "title.index", "title.catalog", "title.change-request"]
            + Server.Role.allCases.map { "role.\($0.rawValue)" }
            + Database.Kind.allCases.map { "database.\($0.rawValue)" }
            + ["ssp", "search", "index", "config", "centralAdminContent", "content", "sso", "frontEnd"].map { "backup.\($0)" }
            + ["account.setup", "account.centralAdminAppPool", "title.status", "web-application.unnamed"]
            + ["low", "medium", "high"].map { "risk.\($0)" }
            + ["passed", "failed", "missing", "not-checked"].map { "verdict.\($0)" }
            + EvidenceKind.allCases.map { "evidence.\($0.rawValue)" }
        for key in keys {
            #expect(templates.labels[key] != nil, "Content/labels.yaml has no '\(key)'")
        }
        let backupKinds = Set(
            try Planner.plan(try #require(Fixtures.farm("farms/hostile/hostile.yaml").farm), catalog: Fixtures.catalog).backups.map(\.kind))
        #expect(backupKinds.allSatisfy { templates.labels["backup.\($0)"] != nil })
    }

    /// Every name a template can look up in `value`: each field, and each dotted path that starts
    /// at a field and goes down through views (lists are looked into, as sections do).
    private func collectKeys(_ value: Any?, into keys: inout Set<String>) {
        if let view = value as? any TemplateView {
            for (name, child) in view.entries {
                collectPaths(name, child, into: &keys)
                collectKeys(child, into: &keys)
            }
        } else if let array = value as? [Any] {
            array.forEach { collectKeys($0, into: &keys) }
        }
    }

    private func collectPaths(_ path: String, _ value: Any?, into keys: inout Set<String>) {
        guard keys.insert(path).inserted || value is any TemplateView else { return }
        if let view = value as? any TemplateView {
            for (name, child) in view.entries { collectPaths(path + "." + name, child, into: &keys) }
        }
    }
}

/// A deterministic random source for generated test inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

/// Step prose that reads `onServer` is rendered once per distinct set of the server values it
/// reads, and shared by the server pages that agree on them.
@Suite struct SharedStepTextTests {
    /// complete-wizard-on-remaining-servers reads the server's configure command; the servers it
    /// lists on the farm page (`{{^onServer}}`) are not the server's own.
    @Test func proseReadsOnlyTheServerValuesItUses() throws {
        let steps = try #require(Fixtures.templates?.steps)
        let reads = try #require(steps["complete-wizard-on-remaining-servers"]?.serverReads)
        #expect(reads.contains("configureCommand") && !reads.contains("name") && !reads.contains("servers"))
        #expect(steps["grant-setup-permissions"]?.serverReads == [])
        #expect(steps["backup-config-databases"]?.perServer == false)
    }

    @Test func serverReadsFollowSectionsAndPartials() {
        var reader = TemplateReader()
        func add(_ name: String, _ text: String) {
            reader.register(.init(data: Data(text.utf8), display: name), as: name, language: .markdown)
        }
        add("inside", "{{x}} {{#list}}{{y.z}}{{/list}}")
        add("outside", "{{onServer.w}} {{v}}")
        add("page", "{{a}} {{#onServer}}{{b}}{{> inside}}{{/onServer}}{{^onServer}}{{c}}{{/onServer}} {{> outside}}")
        add("plain", "{{a}} {{#servers}}{{name}}{{/servers}}")
        add("delimiters", "{{#onServer}}{{=<% %>=}}<%name%><%={{ }}=%>{{/onServer}}")
        add("dynamic", "{{#onServer}}{{>*kind}}{{/onServer}}")
        #expect(reader.serverNamesRead(by: "page") == ["b", "x", "list", "y", "w"])
        #expect(reader.serverNamesRead(by: "plain") == nil)
        // The one tag scan reads through other delimiters as swift-mustache does.
        #expect(reader.serverNamesRead(by: "delimiters") == ["name"])
        #expect(reader.serverNamesRead(by: "dynamic")?.contains(".") == true)
        // The view printed whole reads every field; a section over it or a test of it does not.
        add("whole", "{{onServer}}")
        add("unescaped", "{{{onServer}}} {{&onServer}}")
        add("tested", "{{#onServer}}{{/onServer}}{{^onServer}}{{/onServer}}")
        #expect(reader.serverNamesRead(by: "whole") == ["."])
        #expect(reader.serverNamesRead(by: "unescaped") == ["."])
        #expect(reader.serverNamesRead(by: "tested") == [])
    }

    /// A step's prose that prints `{{onServer}}` (a user's template) prints each server's own
    /// view: read as reading no field, it was shared by every server, the first one rendered.
    @Test func proseThatPrintsTheServerIsEachServers() throws {
        let folder = try PrecompiledTemplateTests.templatesCopy(
            adding: "net stop w3svc {{onServer}}\n", as: "commands/stop-w3svc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = try #require(Templates.user(folder).templates)
        let farm = try #require(Fixtures.exampleFarm("contoso-intranet.yaml").farm)
        let files = try FarmPages(farm: farm, plan: try Planner.plan(farm, catalog: Fixtures.catalog), templates: templates).files()
        for server in ["WFE01", "WFE02"] {
            let page = text(files["servers/\(server).md"])
            // The command as cmd.exe reads it: the view's description in quotes, escaped by `^`.
            #expect(page.contains(#"net stop w3svc ^"ServerView^(name: \^"\#(server)\^""#), "\(server)")
        }
    }

    /// Fabrikam's WFE03 is the one x86 server: it must not share the x64 servers' commands.
    @Test func serversThatDifferGetTheirOwnText() throws {
        let files = try build([Fixtures.example("fabrikam-large-farm.yaml")])
        let x86 = text(files["fabrikam-collab/servers/WFE03.md"]), x64 = text(files["fabrikam-collab/servers/WFE02.md"])
        #expect(x86.contains("-x86-") && !x86.contains("-x64-"))
        #expect(x64.contains("-x64-") && !x64.contains("-x86-"))
    }
}

/// A user's copy of `Templates/` (`--templates DIR`): used as given, and every mistake in it is
/// reported with its place instead of rendering empty pages.
@Suite struct UserTemplateTests {
    /// A copy of the built-in templates in a temporary folder, changed by `edit`.
    private func copy(_ edit: (URL) throws -> Void) throws -> (templates: Templates?, log: DiagnosticLog, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-templates-\(UUID().uuidString)")
        let source = Fixtures.examples.deletingLastPathComponent().appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: source, to: folder)
        try edit(folder)
        let (templates, log) = Templates.user(folder)
        return (templates, log, folder)
    }

    private func messages(_ log: DiagnosticLog, _ folder: URL) -> [String] {
        log.sorted.map { $0.description.replacingOccurrences(of: folder.lastPathComponent, with: "Templates") }
    }

    @Test func aChangedTemplateChangesTheOutput() throws {
        let (templates, log, folder) = try copy { folder in
            let file = folder.appendingPathComponent("markdown/change-request.md.mustache")
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: "## Approvals", with: "## Sign-off (Contoso CAB)")
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(!log.hasErrors)
        let input = SitePages.FarmInput(farm: try farm(), plan: try plan(farm()))
        let files = try SitePages.farmFiles(input, templates: try #require(templates))
        #expect(String(decoding: try #require(files["test-farm/change-request.md"]), as: UTF8.self).contains("## Sign-off (Contoso CAB)"))
    }

    /// A template saved with Windows line ends (Notepad's) gives the same HTML: its tables stay tables.
    @Test func windowsLineEndsGiveTheSameHTML() throws {
        let (templates, log, folder) = try copy { folder in
            for name in ["markdown/server.md.mustache", "markdown/change-request.md.mustache"] {
                let file = folder.appendingPathComponent(name)
                let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(!log.hasErrors)
        let input = SitePages.FarmInput(farm: try farm(), plan: try plan(farm()))
        let windows = try SitePages.farmFiles(input, templates: try #require(templates))
        let shipped = try SitePages.farmFiles(input, templates: try #require(Fixtures.templates))
        let pages = shipped.keys.filter { $0.hasSuffix(".html") && ($0.contains("/servers/") || $0.hasSuffix("change-request.html")) }
        #expect(pages.count > 1)
        for page in pages { #expect(windows[page] == shipped[page], "\(page)") }
    }

    @Test func mistakesAreReportedWithTheirPlace() throws {
        let (templates, log, folder) = try copy { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("scripts/verify.ps1.mustache"))
            try "{{% CONTENT_TYPE: MARKDOWN }}\n# {{farm.name}\n".write(
                to: folder.appendingPathComponent("markdown/index.md.mustache"), atomically: true, encoding: .utf8)
            try "<p>{{title}}</p>\n".write(to: folder.appendingPathComponent("html/extra.mustache"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(templates == nil)
        #expect(
            messages(log, folder) == [
                "Templates/html/extra.mustache:1:1: error: the template does not name its content type; start it with a line such as {{% CONTENT_TYPE: MARKDOWN }} (one of MARKDOWN, MARKDOWN_CODE, HTML, TEXT, CMD, BATCH, POWERSHELL, TSQL)",
                "Templates/markdown/index.md.mustache:2:14: error: template error: a tag is not closed",
                "Templates/scripts/verify.ps1.mustache:1:1: error: this template is missing; every page and script needs its template",
            ])
    }
}

extension Array where Element == String {
    /// `["page.html", "id"]` as its file and fragment; `["page.html"]` has no fragment.
    fileprivate var splitFragment: (String, String?) { (first ?? "", count > 1 ? self[1] : nil) }
}

/// Evidence verdicts that give every field of the status views a value.
enum EvidenceSamples {
    static var everyField: FarmEvidence {
        let check = EvidenceResult(
            kind: .upgradeLog, files: [EvidenceFile(path: "APP01/Upgrade.log", sha256: String(repeating: "0", count: 64))],
            verdict: .failed,
            reasons: ["2 errors and 0 warnings"], notes: ["the last finished session ends on line 3"])
        return FarmEvidence(
            farm: "farm", name: "Farm", folder: "evidence", verdict: .failed,
            servers: [
                ServerEvidence(name: "APP01", verdict: .failed, checks: [check]),
                ServerEvidence(name: "WFE01", verdict: .missing, checks: []),
            ],
            farmChecks: [.notGiven(.versionsTable)], unknownFolders: ["OLD01"], notes: ["evidence/farm does not exist"])
    }
}
