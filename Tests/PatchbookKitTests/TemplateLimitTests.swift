import Foundation
import Mustache
import Testing

@testable import PatchbookKit

/// A user's `--templates` copy that would make swift-mustache recurse without end, overflow the
/// stack, or silently render nothing gives located errors instead.
@Suite struct HostileTemplateTests {
    /// A copy of the built-in templates with `edits` (path: new text, or an `append:` to the file).
    private func messages(_ edits: [String: (String) -> String]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.examples.deletingLastPathComponent().appendingPathComponent("Templates"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, edit) in edits {
            let file = folder.appendingPathComponent(path)
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            try edit(text).write(to: file, atomically: true, encoding: .utf8)
        }
        let (templates, log) = Templates.user(folder)
        #expect(templates == nil)
        return log.sorted.map { $0.description.replacingOccurrences(of: folder.lastPathComponent, with: "Templates") }
    }

    @Test func aMisspeltPartialIsAnError() throws {
        #expect(
            try messages([
                "scripts/install.cmd.mustache": {
                    $0.replacingOccurrences(of: "{{> batch/psconfig-upgrade}}", with: "{{> batch/psconfig-upgrad}}")
                }
            ]) == [
                "Templates/scripts/install.cmd.mustache:\(Self.line(of: "{{> batch/psconfig-upgrade}}", in: "scripts/install.cmd.mustache")):1: error: includes the template 'batch/psconfig-upgrad', which does not exist (did you mean 'batch/psconfig-upgrade'?)"
            ])
    }

    @Test func aPartialThatIncludesItselfIsAnError() throws {
        #expect(
            try messages(["markdown/packages.mustache": { $0 + "{{> markdown/packages}}\n" }])
                == [
                    "Templates/markdown/packages.mustache:11:1: error: includes itself; a template may not include itself"
                ].map { $0.replacingOccurrences(of: ":11:", with: ":\(Self.lines("markdown/packages.mustache") + 1):") })
        let cycle = try messages([
            "markdown/a.mustache": { _ in "{{% CONTENT_TYPE: MARKDOWN }}\n{{#farm}}{{> markdown/b}}{{/farm}}\n" },
            "markdown/b.mustache": { _ in "{{% CONTENT_TYPE: MARKDOWN }}\n{{=<% %>=}}\n<%> markdown/a%>\n" },
        ])
        #expect(
            cycle == [
                "Templates/markdown/b.mustache:3:1: error: includes 'markdown/a', which includes this template again (markdown/a → markdown/b → markdown/a); a template may not include itself"
            ])
    }

    @Test func deepNestingIsAnError() throws {
        let sections = String(repeating: "{{#farm}}", count: 20_000) + String(repeating: "{{/farm}}", count: 20_000)
        #expect(
            try messages(["markdown/index.md.mustache": { "{{% CONTENT_TYPE: MARKDOWN }}\n# x\n" + sections + "\n" + $0.dropFirst(29) }])
                == [
                    "Templates/markdown/index.md.mustache:3:901: error: sections are nested more than 100 deep"
                ])
        // 60 sections in one template, 60 in the partial it includes inside them.
        let sixty = String(repeating: "{{#farm}}", count: 60) + "x" + String(repeating: "{{/farm}}", count: 60)
        #expect(
            try messages([
                "markdown/outer.mustache": { _ in
                    "{{% CONTENT_TYPE: MARKDOWN }}\n" + sixty.replacingOccurrences(of: "x", with: "{{> markdown/inner}}") + "\n"
                },
                "markdown/inner.mustache": { _ in "{{% CONTENT_TYPE: MARKDOWN }}\n" + sixty + "\n" },
            ]) == [
                "Templates/markdown/outer.mustache:2:541: error: including 'markdown/inner' here nests sections and partials 121 deep; at most 100 are allowed"
            ])
    }

    /// `{{>*name}}` would let a farm's values pick a template, the page itself included.
    @Test func aDynamicPartialIsAnError() throws {
        #expect(
            try messages(["markdown/warnings.mustache": { $0 + "{{>*farm.name}}\n" }]) == [
                "Templates/markdown/warnings.mustache:\(Self.lines("markdown/warnings.mustache") + 1):1: error: '{{>*farm.name}}' lets a value choose the template to include; name the partial instead"
            ])
    }

    /// What the limit allows renders, on the worker threads a build uses.
    @Test func nestingAtTheLimitRenders() throws {
        let depth = TemplateTags.limit
        let text = String(repeating: "{{#on}}", count: depth) + "deep" + String(repeating: "{{/on}}", count: depth)
        #expect(TemplateTags(text).tooDeepAt == nil && TemplateTags(text).depth == depth)
        let template = try MustacheTemplate(string: text)
        let results = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let output = template.render(["on": true])
            results.update { $0.append(output) }
        }
        #expect(results.update { $0 } == Array(repeating: "deep", count: 4))
    }

    private static func line(of text: String, in path: String) -> Int {
        let lines = Fixtures.repository(["Templates"])["Templates/" + path]?.components(separatedBy: "\n") ?? []
        return (lines.firstIndex { $0.hasPrefix(text) } ?? -1) + 1
    }

    private static func lines(_ path: String) -> Int {
        Fixtures.repository(["Templates"])["Templates/" + path]?.filter { $0 == "\n" }.count ?? 0
    }

    /// Random templates of sections, partials, comments, triple mustaches and delimiter changes:
    /// the scan finds the nesting and partials they were built with, and random text never
    /// crashes it.
    @Test func fuzzedTemplatesAreReadAsBuilt() {
        var random = SeededGenerator(seed: 9)
        for _ in 0..<500 {
            var text = "", open = "{{", close = "}}", depth = 0, deepest = 0
            var partials: [String] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                switch Int.random(in: 0...7, using: &random) {
                case 0:
                    text += "\(open)#s\(close)"
                    depth += 1
                    deepest = max(deepest, depth)
                case 1 where depth > 0:
                    text += "\(open)/s\(close)"
                    depth -= 1
                case 2:
                    let name = "p\(partials.count)"
                    partials.append(name)
                    text += "\(open)> \(name) \(close)"
                case 3: text += "\(open)! {{#not}} <%#not%> \(close)"
                case 4 where open == "{{": text += "{{{v}}}"
                case 5:
                    // A delimiter change is written with the delimiters it replaces.
                    let next = Bool.random(using: &random) ? ("<%", "%>") : ("{{", "}}")
                    text += "\(open)=\(next.0) \(next.1)=\(close)"
                    (open, close) = next
                default: text += " x\n"
                }
            }
            let tags = TemplateTags(text)
            #expect(tags.depth == deepest, "\(text)")
            #expect(tags.includes.map(\.name) == partials, "\(text)")
            let bytes = (0..<Int.random(in: 0...60, using: &random)).map { _ in "{}#/>!=<%^$ ax\n*".randomElement(using: &random) ?? "a" }
            _ = TemplateTags(String(bytes))
        }
    }

    /// An empty tag (`{{}}`) stopped patchbook with a range error; names lose the white space
    /// around them, ASCII or not, and keep their own letters.
    @Test func emptyTagsAndSpacedNames() {
        #expect(TemplateTags("a {{}} b").tags.map(\.name) == [""])
        #expect(TemplateTags("{{ }}{{{}}}{{#}}{{/}}{{=}}").tags.map(\.name) == ["", "", "", ""])
        let tags = TemplateTags("{{ name }}{{# \u{00A0}s\u{00A0} }}{{/s}}{{& \u{E9} }}{{\u{E9}}}{{{ x\n}}}")
        #expect(tags.tags.map(\.name) == ["name", "s", "s", "\u{E9}", "\u{E9}", "x"])
        #expect(tags.tags.map(\.sigil) == [nil, "#", "/", "&", nil, "{"])
    }
}
