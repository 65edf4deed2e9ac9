import Foundation
import Testing

@testable import PatchbookKit

/// docs/templates.md lists every value a `--templates` copy can use; it is written from the views.
@Suite struct TemplateAPITests {
    static let docs = Fixtures.examples.deletingLastPathComponent().appendingPathComponent("docs/templates.md")

    /// `make docs` rewrites docs/templates.md (PATCHBOOK_WRITE_DOCS=1 runs this test to do it).
    @Test func docsListEveryValue() throws {
        let generated = TemplateAPI.markdown()
        if ProcessInfo.processInfo.environment["PATCHBOOK_WRITE_DOCS"] == "1" {
            try generated.write(to: Self.docs, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: Self.docs, encoding: .utf8)
        #expect(stored == generated, "docs/templates.md is not current: run make docs")
    }

    /// A tag that prints a view (`{{servers}}`, `{{.}}`) prints a boxed one as it printed the view
    /// itself: alone, in a list, in an optional and as another view's field.
    @Test func aSharedViewPrintsAsTheViewItHolds() {
        let view = AccountView(account: "CONTOSO\\sp_setup")
        let shared = Shared(view)
        #expect(String(describing: shared) == String(describing: view))
        #expect(String(describing: [shared]) == String(describing: [view]))
        #expect(String(describing: Optional(shared)) == String(describing: Optional(view)))
        #expect(String(describing: (shared, 1)) == String(describing: (view, 1)))
    }

    /// Every view a page is built from is documented.
    @Test func everyViewIsDocumented() throws {
        let documented = Set(TemplateAPI.views.map { String(describing: $0) })
        let templates = try #require(Fixtures.templates)
        var seen: Set<String> = []
        for name in Fixtures.exampleFarms.keys {
            let farm = try #require(Fixtures.exampleFarm("\(name).yaml").farm)
            let plan = try Planner.plan(farm, catalog: Fixtures.catalog)
            try FarmPages(farm: farm, plan: plan, templates: templates).views().forEach { collectTypes($0, into: &seen) }
        }
        #expect(seen.subtracting(documented).isEmpty, "\(seen.subtracting(documented))")
    }

    /// No view carries a field that no template or step prose reads.
    @Test func everyFieldIsRead() throws {
        let sources = Fixtures.repository(["Templates", "Content"]).values.joined(separator: "\n")
        var names: Set<String> = []
        for tag in TemplateTags(sources).tags where tag.sigil != ">" {
            tag.name.split(separator: ".").forEach { names.insert(String($0)) }
        }
        for view in TemplateAPI.views {
            for field in view.fieldDocs where !names.contains(field.name) {
                Issue.record("\(view).\(field.name) is read by no template")
            }
        }
    }

    private func collectTypes(_ value: Any?, into seen: inout Set<String>) {
        if let shared = value as? any SharedView {
            collectTypes(shared.held, into: &seen)
        } else if let view = value as? any TemplateView {
            seen.insert(String(describing: type(of: view)))
            view.entries.forEach { collectTypes($0.value, into: &seen) }
        } else if let list = value as? [Any] {
            list.forEach { collectTypes($0, into: &seen) }
        }
    }
}

/// A typo in Content/warnings.yaml fails loading, with what is wrong.
@Suite struct WarningTextCheckTests {
    private func load(editing warnings: (String) -> String) throws -> DiagnosticLog {
        let top = Fixtures.examples.deletingLastPathComponent()
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-content-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: top.appendingPathComponent("Content"), to: content)
        defer { try? FileManager.default.removeItem(at: content) }
        let file = content.appendingPathComponent("warnings.yaml")
        try warnings(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        return Templates.load(templates: top.appendingPathComponent("Templates"), content: content).log
    }

    @Test func aMisspeltFactIsAnError() throws {
        let log = try load { $0.replacingOccurrences(of: "{{targetBuild}}", with: "{{targetbuild}}") }
        #expect(
            Fixtures.rendered(log).contains(
                "the text of 'hotfix-newer-than-target' names 'targetbuild', a fact that warning does not give (it gives: build, kb, target, targetBuild)"
            ))
    }

    @Test func aMisspeltCodeIsAnError() throws {
        let log = try load { $0.replacingOccurrences(of: "at-target:", with: "at-targt:") }
        let text = Fixtures.rendered(log)
        #expect(text.contains("'at-targt' is not a warning patchbook gives (did you mean 'at-target'?)"))
        #expect(text.contains("the text of warning 'at-target' is missing"))
    }

    @Test func theShippedTextsLoadClean() throws {
        #expect(try load { $0 }.entries.isEmpty)
    }
}

/// A --templates copy cannot write a value unescaped into a script.
@Suite struct UnescapedScriptValueTests {
    @Test func tripleMustacheInAScriptIsAnError() throws {
        let top = Fixtures.examples.deletingLastPathComponent()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: top.appendingPathComponent("Templates"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let script = copy.appendingPathComponent("scripts/install.cmd.mustache")
        try (try String(contentsOf: script, encoding: .utf8) + "echo {{{farm.name}}} {{&farm.id}}\n").write(
            to: script, atomically: true, encoding: .utf8)
        let (templates, log) = Templates.load(templates: copy, content: top.appendingPathComponent("Content"), required: Templates.pages)
        #expect(templates == nil)
        let text = Fixtures.rendered(log)
        #expect(text.contains("'farm.name' is written unescaped in a BATCH template") && text.contains("'farm.id' is written unescaped"))
    }
}
