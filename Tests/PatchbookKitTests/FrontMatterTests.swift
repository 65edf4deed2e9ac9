import Foundation
import Testing
import Yams

@testable import PatchbookKit

/// `build --front-matter`: each Markdown page starts with YAML that a site generator's parser
/// reads back to the page's HTML title and its place in the site; without it, nothing changes.
@Suite struct FrontMatterTests {
    /// The front matter of a Markdown page, parsed by Yams, and the page without it.
    private func split(_ data: Data?) throws -> (fields: [String: Any], rest: Data) {
        let text = String(decoding: try #require(data), as: UTF8.self)
        try #require(text.hasPrefix("---\n"), "no front matter")
        let end = try #require(text.range(of: "\n---\n\n"))
        let yaml = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
        let fields = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        return (fields, Data(text[end.upperBound...].utf8))
    }

    /// The HTML page's <title>, unescaped.
    private func htmlTitle(_ data: Data?) throws -> String {
        let page = String(decoding: try #require(data), as: UTF8.self)
        let start = try #require(page.range(of: "<title>")), end = try #require(page.range(of: "</title>"))
        return String(page[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test(arguments: [
        #"Sales: "Intranet" #1"#, "O'Brien's farm", "Bücher – Zürich 日本 🚀", "- not a list", "--- end", "&anchor *alias !tag",
        "null", "true", "12e3", #"back\slash \n"#, "{ flow: [x] } | > % @ `tick`", "key: value # comment", "'single' \"double\"",
    ])
    func aHostileFarmNameParsesBackToThePagesTitle(name: String) throws {
        let yamlName = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let test = try farm(["name: Test Farm": "name: \(yamlName)\n  id: hostile"])
        let templates = try #require(Fixtures.templates)
        let files = try SitePages.farmFiles(.init(farm: test, plan: try plan(test)), templates: templates, frontMatter: true)
        for page in ["index", "change-request", "servers/APP01", "servers/WFE01"] {
            let (fields, _) = try split(files["hostile/\(page).md"])
            let title = try #require(fields["title"] as? String, "\(page): no title")
            #expect(title == (try htmlTitle(files["hostile/\(page).html"])), "\(page)")
            #expect(title.hasSuffix(name), "\(page): \(title)")
        }
        #expect(try split(files["hostile/index.md"]).fields["title"] as? String == name)
    }

    /// Characters that a YAML parser refuses or folds are escaped, and come back as they were. (A
    /// value cannot begin with U+FEFF, which libyaml drops there: the loader refuses such a name.)
    @Test(arguments: ["bell\u{7}", "tab\tand\nline", "del\u{7F} c1\u{85}\u{9F}", "sep\u{2028}\u{2029}", "mid\u{FEFF}bom", "\"\\\"", ""])
    func controlCharactersComeBack(text: String) throws {
        let block = String(decoding: FrontMatter.block(title: text, order: 7), as: UTF8.self)
        let (fields, rest) = try split(Data(block.utf8))
        #expect(fields["title"] as? String == text)
        #expect(fields["weight"] as? Int == 7 && fields["nav_order"] as? Int == 7)
        #expect(rest.isEmpty)
        #expect(!block.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// Weights follow the site's order: the index, then the catalog; in a farm, its page, the
    /// change request, then the servers as the farm page's table lists them.
    @Test func weightsFollowTheSitesOrder() throws {
        let templates = try #require(Fixtures.templates)
        let (files, _) = try Pipeline.siteFiles(
            farms: [Fixtures.example("fabrikam-large-farm.yaml")], catalog: Fixtures.catalog, templates: templates, frontMatter: true)
        #expect(try split(files["index.md"]).fields["weight"] as? Int == 1)
        #expect(try split(files["catalog.md"]).fields["nav_order"] as? Int == 2)
        let farmPage = String(decoding: try #require(files["fabrikam-collab/index.md"]), as: UTF8.self)
        let listed = farmPage.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "](servers/") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "." })
        }
        #expect(listed.count == 5)
        let pages = ["index", "change-request"] + listed.map { "servers/\($0)" }
        for (position, page) in pages.enumerated() {
            let fields = try split(files["fabrikam-collab/\(page).md"]).fields
            #expect(fields["weight"] as? Int == position + 1 && fields["nav_order"] as? Int == position + 1, "\(page)")
        }
    }

    /// With the flag, each Markdown page is its front matter and then the page as it is without;
    /// the HTML pages and every other file stay byte for byte. Without it, no page has any.
    @Test func theFlagAddsFrontMatterAndChangesNothingElse() throws {
        let examples = Fixtures.exampleFarms.keys.sorted().map { Fixtures.example("\($0).yaml") }
        let templates = try #require(Fixtures.templates)
        let plain = try Pipeline.siteFiles(farms: examples, catalog: Fixtures.catalog, templates: templates).files
        let fronted = try Pipeline.siteFiles(
            farms: examples, catalog: Fixtures.catalog, templates: templates, frontMatter: true
        ).files
        #expect(plain.keys.sorted() == fronted.keys.sorted() && !plain.isEmpty)
        for (path, data) in plain {
            if path.hasSuffix(".md") {
                #expect(!data.starts(with: Array("---".utf8)), "\(path)")
                #expect(try split(fronted[path]).rest == data, "\(path)")
            } else {
                #expect(fronted[path] == data, "\(path)")
            }
        }
    }
}
