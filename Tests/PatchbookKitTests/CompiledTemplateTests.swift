import Foundation
import Mustache
import Testing
import Yams

@testable import PatchbookKit

/// `TemplateRenderer` renders what swift-mustache parsed, by swift-mustache's rules: every page of
/// the example farms, and thousands of generated templates, come out alike from both.
@Suite struct CompiledTemplateTests {
    /// The same templates, every one parsed and rendered by swift-mustache.
    static func reference() throws -> Templates {
        let templates = try #require(Fixtures.parsedTemplates)
        return Templates(
            library: templates.library, compiled: [:], steps: templates.steps, labels: templates.labels, assets: templates.assets)
    }

    /// If a new swift-mustache changed its tokens, nothing would be compiled and builds would be
    /// slow again without failing: the built-in templates must all compile.
    @Test func everyBuiltInTemplateCompiles() throws {
        let templates = try #require(Fixtures.templates)
        for name in Templates.pages + Templates.builtInOnly + templates.steps.values.map(\.template) {
            #expect(templates.compiled[name] != nil, "\(name) is left to swift-mustache")
        }
    }

    /// Templates without a pragma escape for HTML on bytes, as swift-mustache does by characters
    /// (a mark combined with `&` makes another character, which it leaves alone).
    @Test func htmlEscapingIsSwiftMustaches() throws {
        let escape = try #require(CompiledTemplate.defaultContentType as? HTMLEscape)
        var random = SeededGenerator(seed: 41)
        let pieces = ["a", "<", ">", "&", "\"", "'", " ", "é", "&\u{301}", "\r\n", "x<y", "&amp;"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            #expect(escape.escapeText(text) == escape.reference.escapeText(text), "\(text.debugDescription)")
        }
        #expect(escape.escapeText(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    /// A step's title read without Yams is the title Yams reads, and the rest is left to Yams.
    @Test func plainTitlesAreReadAsYAMLReadsThem() throws {
        let titles = [
            "Stop W3SVC on the web servers", "Back up the SSP: all of it", "Install KB 953338 # now", "123 go", "true", "null",
            "Yes please", "Run psconfig -cmd upgrade", "'quoted' title", "Use C:\\Temp and 50%", "trailing:", "é accents",
            "Back up [all] {databases}, then stop", "Tab\there", "ends with space ",
        ]
        for title in titles {
            let front = "title: \(title)"
            let yams = (try? Yams.load(yaml: front) as? [String: Any])?["title"] as? String
            if let plain = TemplateReader.plainTitle(front) { #expect(plain == yams, "\(title)") }
        }
        #expect(TemplateReader.plainTitle("title: Stop W3SVC on the web servers") == "Stop W3SVC on the web servers")
        #expect(TemplateReader.plainTitle("title: true") == nil && TemplateReader.plainTitle("title: a: b") == nil)
    }

    /// A farm built alone renders its pages on several threads; the files are the same every time,
    /// and the same as on one thread (how a build of many farms makes each).
    @Test func pagesRenderedOnSeveralThreadsAreTheSameEachTime() throws {
        let templates = try #require(Fixtures.templates)
        let farm = try #require(Fixtures.exampleFarm("fabrikam-large-farm.yaml").farm)
        let input = SitePages.FarmInput(farm: farm, plan: try Planner.plan(farm, catalog: Fixtures.catalog))
        let first = try SitePages.farmFiles(input, templates: templates)
        for _ in 0..<8 { #expect(try SitePages.farmFiles(input, templates: templates) == first) }
        #expect(try SitePages.farm(input, templates: templates, frontMatter: false, onEveryCore: false).files == first)
    }

    @Test func exampleSitesRenderAlike() throws {
        let templates = try #require(Fixtures.templates)
        for name in Fixtures.exampleFarms.keys.sorted() {
            let farm = try #require(Fixtures.exampleFarm("\(name).yaml").farm)
            let input = SitePages.FarmInput(farm: farm, plan: try Planner.plan(farm, catalog: Fixtures.catalog))
            let compiled = try SitePages.farmFiles(input, templates: templates, frontMatter: true)
            let reference = try SitePages.farmFiles(input, templates: try Self.reference(), frontMatter: true)
            #expect(compiled.keys.sorted() == reference.keys.sorted())
            for (path, data) in reference where compiled[path] != data {
                Issue.record("\(path) differs between the renderers")
            }
        }
    }

    /// The renderer reads the program through buffer pointers, unchecked in release builds: every
    /// position the builder made must be within its table, and every section within its body.
    @Test func everyPositionOfTheProgramIsInItsTable() throws {
        let program = try #require(Fixtures.templates).program
        #expect(program.bodies.count > 100)
        var sections: [Range<Int>] = []
        for (index, instruction) in program.instructions.enumerated() {
            switch instruction {
            case .text(let start, let end): #expect(0 <= start && start <= end && end <= program.text.count)
            case .value(let path, _): #expect(program.paths.indices.contains(path))
            case .section(let path, _, let end):
                #expect(program.paths.indices.contains(path) && index < end && end <= program.instructions.count)
                sections.append(index..<end)
            case .partial(let template, let indentation):
                #expect(template == -1 || program.bodies.indices.contains(template))
                #expect(indentation == -1 || program.indentations.indices.contains(indentation))
            case .contentType(let type): #expect(program.contentTypes.indices.contains(type))
            }
        }
        for path in program.paths { #expect(path.start >= 0 && path.start + path.count <= program.names.count) }
        // Bodies follow one another, and a section ends within the body that holds it.
        for (body, next) in zip(program.bodies, program.bodies.dropFirst()) { #expect(body.upperBound <= next.lowerBound) }
        for body in program.bodies {
            #expect(body.upperBound <= program.instructions.count)
            for section in sections where body.contains(section.lowerBound) { #expect(section.upperBound <= body.upperBound) }
        }
    }

    /// Generated templates (values, sections, inverted sections, dotted names, partials with and
    /// without indentation, pragmas, line breaks of both kinds) over a checklist's view.
    @Test func generatedTemplatesRenderAlike() throws {
        let templates = try #require(Fixtures.templates)
        let farm = try #require(Fixtures.exampleFarm("contoso-intranet.yaml").farm)
        let pages = FarmPages(farm: farm, plan: try Planner.plan(farm, catalog: Fixtures.catalog), templates: templates)
        let views = try pages.views()
        var random = SeededGenerator(seed: 2026)
        var compared = 0
        for round in 0..<400 {
            var generator = TemplateGenerator(random: random)
            var library = MustacheLibrary()
            var parsed: [String: CompiledTemplate?] = [:]
            // Partial i includes only partials after it, so that nothing includes itself.
            for index in (0..<4).reversed() {
                let text = generator.template(depth: 0, partialsFrom: index + 1)
                guard let template = try? MustacheTemplate(string: text) else { continue }
                library.register(template, named: "p\(index)")
                parsed["p\(index)"] = CompiledTemplate(template)
            }
            random = generator.random
            let compiled = Templates.compile(parsed, library)
            guard compiled["p0"] != nil else { continue }
            let view = views[round % views.count]
            let expected = library.render(view, withTemplate: "p0")
            let actual = TemplateRenderer.render("p0", in: TemplateProgram(compiled), view)
            #expect(actual == expected, "round \(round): \(library.getTemplate(named: "p0")?.description ?? "")")
            compared += 1
        }
        #expect(compared > 300)
    }
}

/// Random Mustache text built from the names the views answer, and some they do not.
private struct TemplateGenerator {
    var random: SeededGenerator
    static let names = [
        ".", "farm", "farm.name", "farm.id", "farm.packageShare", "name", "title", "number", "body", "phases", "steps", "onServer",
        "onServer.name", "onServer.packages", "packages", "hasPackages", "servers", "step", "step.servers", "waitFor", "kb",
        "fileName", "hasWarnings", "warnings", "message", "nothing", "farm.nothing", ".name", "change", "change.risk",
        "change.risk.rating", "serverList", "isVerification", "architecture", "backups", "window",
    ]
    static let texts = ["", "a", " ", "\r", "x\r", "  ", "\n", "\r\n", "x\n", "  - ", "<&>\"'", "é", "`", "*", "\t", "line\nline\n"]
    static let types = ["MARKDOWN", "MARKDOWN_CODE", "HTML", "TEXT", "CMD", "BATCH", "POWERSHELL", "TSQL"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    mutating func template(depth: Int, partialsFrom first: Int) -> String {
        var text = Bool.random(using: &random) ? "{{% CONTENT_TYPE: \(pick(Self.types)) }}" : ""
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            text += piece(depth: depth, partialsFrom: first)
        }
        return text
    }

    private mutating func piece(depth: Int, partialsFrom first: Int) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1: return pick(Self.texts)
        case 2: return "{{\(pick(Self.names))}}"
        case 3: return Bool.random(using: &random) ? "{{{\(pick(Self.names))}}}" : "{{&\(pick(Self.names))}}"
        case 4, 5,
            6 where depth < 3:
            let name = pick(Self.names.filter { $0 != "." })
            let open = pick(["#", "^"]), line = pick(["", "\n"])
            let body = (0..<Int.random(in: 1...4, using: &random)).map { _ in piece(depth: depth + 1, partialsFrom: first) }.joined()
            return "{{\(open)\(name)}}\(line)\(body)\(line){{/\(name)}}\(line)"
        case 7 where first < 4:
            let partial = "p\(Int.random(in: first..<4, using: &random))"
            return pick(["", "\n", "\n  ", "\n    "]) + "{{>\(partial)}}" + pick(["", "\n"])
        case 8: return "{{! note }}" + pick(["", "\n"])
        default: return pick(Self.texts) + "{{\(pick(Self.names))}}"
        }
    }
}
