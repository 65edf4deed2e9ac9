import Foundation
import Testing

@testable import PatchbookKit

/// `Templates/precompiled.bin`: the built-in templates compiled ahead of time. It must be what
/// the shipped templates compile to, be used for exactly those, and never be trusted when damaged.
@Suite struct PrecompiledTemplateTests {
    static let file = Fixtures.repositoryRoot.appendingPathComponent("Templates/\(PrecompiledTemplates.fileName)")

    /// What the shipped templates compile to today, as the file would hold it.
    static func freshFile() throws -> Data {
        PrecompiledTemplates.encode(try #require(Fixtures.parsedTemplates))
    }

    /// Fails while a template or piece of prose changed and the file was not rewritten (or
    /// swift-mustache parses differently): `make precompiled` rewrites it.
    @Test func shippedFileIsWhatTheTemplatesCompileTo() throws {
        let fresh = try Self.freshFile()
        if ProcessInfo.processInfo.environment["PATCHBOOK_WRITE_PRECOMPILED"] == "1" {
            try fresh.write(to: Self.file, options: .atomic)
        }
        let shipped = try Data(contentsOf: Self.file)
        #expect(shipped == fresh, "Templates/precompiled.bin is out of date: run  make precompiled")
    }

    /// Every shipped template and piece of prose comes from the file, parsed by no one; what the
    /// file holds reads back as written.
    @Test func everyShippedTemplateIsTakenFromTheFile() throws {
        let shipped = try Data(contentsOf: Self.file)
        let precompiled = try #require(PrecompiledTemplates.decode(shipped))
        #expect(PrecompiledTemplates.encode(entries: precompiled.entries) == shipped)
        let parsed = try #require(Fixtures.parsedTemplates)
        let templates = try #require(Fixtures.templates)
        #expect(parsed.compiled.count > 100 && templates.compiled.count == parsed.compiled.count)
        #expect(Set(parsed.compiled.keys) == Set(parsed.sources.keys))
        for (name, source) in parsed.sources where PrecompiledTemplates.takes(name) {
            #expect(precompiled.template(for: source) != nil, "\(name)")
            #expect(templates.library.getTemplate(named: name) == nil, "\(name) was parsed")
        }
        // Warning texts are rendered by swift-mustache, from its library.
        #expect(templates.library.getTemplate(named: "warnings/\(WarningCode.allCases[0].rawValue)") != nil)
    }

    /// The example sites come out the same from precompiled and from freshly parsed templates.
    @Test func exampleSitesAreTheSameEitherWay() throws {
        let precompiled = try #require(Fixtures.templates)
        let parsed = try #require(Fixtures.parsedTemplates)
        try Self.expectSameSites(precompiled, parsed)
    }

    /// A copy of the templates with one changed: the changed one is parsed (the file has no
    /// entry for its text), the others still come from the file.
    @Test func aChangedTemplateIsParsed() throws {
        let copy = try Self.templatesCopy(appending: "\nChanged by the test.\n", to: "markdown/server.md")
        defer { try? FileManager.default.removeItem(at: copy) }
        let templates = try #require(Templates.user(copy).templates)
        #expect(templates.library.getTemplate(named: "markdown/server.md") != nil)
        #expect(templates.library.getTemplate(named: "markdown/farm.md") == nil)
        #expect(templates.compiled["markdown/server.md"] != nil)
    }

    /// A template left to swift-mustache (a transform) needs its partials in swift-mustache's
    /// library: then every template is parsed.
    @Test func aTemplateLeftToSwiftMustacheHasEveryPartialParsed() throws {
        let copy = try Self.templatesCopy(appending: "\n{{uppercased(farm.name)}}\n", to: "markdown/server.md")
        defer { try? FileManager.default.removeItem(at: copy) }
        let templates = try #require(Templates.user(copy).templates)
        #expect(templates.compiled["markdown/server.md"] == nil)
        for name in Templates.pages { #expect(templates.library.getTemplate(named: name) != nil, "\(name)") }
    }

    /// A template that includes a warning's text is rendered by swift-mustache (warning texts are
    /// not compiled), with every partial it includes parsed: in a page or in a partial, the site is
    /// the one the same templates give when all are parsed.
    @Test(arguments: ["markdown/server.md", "markdown/estimate"])
    func aTemplateIncludingAWarningTextRendersWhole(_ name: String) throws {
        let copy = try Self.templatesCopy(appending: "{{> warnings/mixed-architectures}}\n", to: name)
        defer { try? FileManager.default.removeItem(at: copy) }
        let content = Fixtures.repositoryRoot.appendingPathComponent("Content")
        let precompiled = try #require(Templates.load(templates: copy, content: content, required: Templates.pages).templates)
        let parsed = try #require(
            Templates.load(templates: copy, content: content, required: Templates.pages, precompiled: false).templates)
        #expect(precompiled.compiled[name] == nil)
        try Self.expectSameSites(precompiled, parsed)
    }

    /// A precompiled form that does not include the partials its text does (or nests deeper) is
    /// not taken: what the include checks found on the text must hold for what is rendered. Here
    /// a crafted entry includes its own template, which would recurse until the stack overflows.
    @Test func aPrecompiledFormUnlikeItsTextIsParsed() throws {
        let parsed = try #require(Fixtures.parsedTemplates)
        let name = "markdown/estimate"
        let source = try #require(parsed.sources[name])
        let looping = CompiledTemplate(nodes: [.text("x"), .partial(name, indentation: nil)])
        // The same partials, one section deeper than the text nests.
        let deeper = CompiledTemplate(nodes: [.section(.init("a"), inverted: false, body: try #require(parsed.compiled[name]))])
        for crafted in [looping, deeper] {
            try Self.expectParsed(name, source: source, crafted: crafted, like: parsed)
        }
        // A partial moved into a section, in a template that nests as deep elsewhere: the depths
        // the include checks added up are the text's.
        let (moved, text) = try #require(
            parsed.compiled.sorted(by: { $0.key < $1.key }).lazy.compactMap { name, template -> (String, CompiledTemplate)? in
                guard template.depth > 0, let first = template.nodes.firstIndex(where: { if case .partial = $0 { true } else { false } })
                else { return nil }
                var nodes = template.nodes
                nodes[first] = .section(.init("a"), inverted: false, body: CompiledTemplate(nodes: [nodes[first]]))
                return (name, CompiledTemplate(nodes: nodes))
            }.first)
        #expect(text.depth == parsed.compiled[moved]?.depth && text.partials == parsed.compiled[moved]?.partials)
        try Self.expectParsed(moved, source: try #require(parsed.sources[moved]), crafted: text, like: parsed)
    }

    /// Loading the built-in templates with `crafted` as the precompiled form of `source` parses
    /// template `name` instead, and gives the example sites of `reference`.
    static func expectParsed(_ name: String, source: String, crafted: CompiledTemplate, like reference: Templates) throws {
        let file = PrecompiledTemplates(entries: [PrecompiledTemplates.key(source): crafted])
        let templates = try #require(
            Templates.load(
                templates: Fixtures.repositoryRoot.appendingPathComponent("Templates"),
                content: Fixtures.repositoryRoot.appendingPathComponent("Content"), required: Templates.pages
            ) { file }.templates)
        #expect(templates.library.getTemplate(named: name) != nil, "\(name)")
        try expectSameSites(templates, reference)
    }

    /// Two files giving one template name (the user's `steps/RULE` beside Content's prose, or
    /// `cmd/NAME` beside `commands/NAME`) are an error, not a choice made by the folder's order.
    @Test(arguments: [
        ("steps/stop-w3svc", "Content/steps/stop-w3svc.md"), ("content/change-request/risk", "Content/change-request/risk.md"),
        ("cmd/install-package", "/commands/install-package.mustache"),
    ])
    func twoFilesForOneNameAreAnError(_ name: String, _ other: String) throws {
        let copy = try Self.templatesCopy(adding: "{{% CONTENT_TYPE: MARKDOWN }}x{{> \(name)}}\n", as: name)
        defer { try? FileManager.default.removeItem(at: copy) }
        let (templates, log) = Templates.user(copy)
        #expect(templates == nil)
        let message = log.entries.map { "\($0)" }.first { $0.contains("'\(name)' is also the name of") }
        #expect(message?.contains("\(name).mustache") == true && message?.contains(other) == true, "\(log.entries)")
    }

    /// Every page of the example farms is the same with both sets of templates.
    static func expectSameSites(_ first: Templates, _ second: Templates) throws {
        for example in Fixtures.exampleFarms.keys.sorted() {
            let farm = try #require(Fixtures.exampleFarm("\(example).yaml").farm)
            let input = SitePages.FarmInput(farm: farm, plan: try Planner.plan(farm, catalog: Fixtures.catalog))
            #expect(try SitePages.farmFiles(input, templates: first) == SitePages.farmFiles(input, templates: second), "\(example)")
        }
    }

    /// A damaged file is not read at all: any byte changed or any length cut off.
    @Test func aDamagedFileIsIgnored() throws {
        let shipped = [UInt8](try Data(contentsOf: Self.file))
        var random = SeededGenerator(seed: 77)
        for _ in 0..<300 {
            var bytes = shipped
            let at = Int.random(in: 0..<bytes.count, using: &random)
            bytes[at] ^= UInt8.random(in: 1...255, using: &random)
            #expect(PrecompiledTemplates.decode(Data(bytes)) == nil, "byte \(at)")
            #expect(PrecompiledTemplates.decode(Data(shipped.prefix(at))) == nil, "cut at \(at)")
        }
        #expect(PrecompiledTemplates.decode(Data()) == nil)
    }

    /// Files whose checksum holds but whose content is anything (as someone could write): read
    /// without a crash or a hang, and nothing read past its end or nested without bound.
    @Test func sealedFilesOfAnyContentAreReadSafely() throws {
        let shipped = [UInt8](try Data(contentsOf: Self.file))
        let body = Array(shipped.dropLast(32))
        let header = Array("patchbook precompiled templates 1\n".utf8)
        var random = SeededGenerator(seed: 78)
        var read = 0
        for round in 0..<900 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = body
                for _ in 0...Int.random(in: 0..<4, using: &random) {
                    bytes[Int.random(in: header.count..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            case 1:
                bytes = Array(body.prefix(Int.random(in: header.count..<body.count, using: &random)))
            default:
                bytes = header + (0..<Int.random(in: 0..<64, using: &random)).map { _ in UInt8.random(in: 0...8, using: &random) }
            }
            if PrecompiledTemplates.decode(PrecompiledTemplates.sealed(bytes)) != nil { read += 1 }
        }
        #expect(read > 0)
        // Sections nested deeper than a template may nest them.
        var nested = header + [1, 0, 0, 0] + [UInt8](repeating: 0, count: 32)
        for _ in 0...TemplateTags.limit + 1 { nested += [1, 0, 0, 0, 3, 1, 0, 0, 0, UInt8(ascii: "a")] }
        nested += [0, 0, 0, 0]
        #expect(PrecompiledTemplates.decode(PrecompiledTemplates.sealed(nested)) == nil)
        // The same nesting within the bound reads.
        var shallow = header + [1, 0, 0, 0] + [UInt8](repeating: 0, count: 32)
        for _ in 0..<3 { shallow += [1, 0, 0, 0, 3, 1, 0, 0, 0, UInt8(ascii: "a")] }
        shallow += [0, 0, 0, 0]
        #expect(PrecompiledTemplates.decode(PrecompiledTemplates.sealed(shallow))?.entries.count == 1)
    }

    /// A folder holding a copy of the built-in templates, with template `name` written as `text`.
    static func templatesCopy(adding text: String, as name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("precompiled-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let file = folder.appendingPathComponent("\(name).mustache")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    /// A folder holding a copy of the built-in templates, with `text` added to template `name`.
    static func templatesCopy(appending text: String, to name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("precompiled-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let file = folder.appendingPathComponent("\(name).mustache")
        try (try String(contentsOf: file, encoding: .utf8) + text).write(to: file, atomically: true, encoding: .utf8)
        return folder
    }
}
