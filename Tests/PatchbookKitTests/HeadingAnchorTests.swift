import Foundation
import Testing

@testable import PatchbookKit

/// Headings get GitHub's ids, so a link to one step works on a wiki's Markdown and in our HTML.
@Suite struct HeadingAnchorTests {
    /// The byte path for ASCII headings gives what the Unicode path gives, for every ASCII character.
    @Test func asciiSlugsMatchTheUnicodeRules() {
        var generator = SeededGenerator(seed: 11)
        let ascii = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        for text in ascii.map({ String($0) })
            + (0..<500).map({ _ in String((0..<8).map { _ in ascii.randomElement(using: &generator) ?? "a" }) })
        {
            #expect(HeadingAnchors.asciiSlug(text) == HeadingAnchors.unicodeSlug(text), "\(text.debugDescription)")
        }
        #expect(HeadingAnchors.asciiSlug("é") == nil)
    }

    @Test func slugsAreGitHubs() {
        #expect(HeadingAnchors.slug("22. Read Upgrade.log") == "22-read-upgradelog")
        #expect(HeadingAnchors.slug("WFE-CA01: update checklist") == "wfe-ca01-update-checklist")
        #expect(HeadingAnchors.slug("Sites de l'équipe (de-DE)") == "sites-de-léquipe-de-de")
        #expect(HeadingAnchors.slug("SP_Farm  x") == "sp_farm--x")
        #expect(HeadingAnchors.slug("?!") == "section")
    }

    @Test func repeatedHeadingsGetNumbers() {
        var seen: [String: Int] = [:]
        let ids = ["a", "a", "a-1", "a"].map { HeadingAnchors.unique($0, seen: &seen) }
        #expect(ids == ["a", "a-1", "a-1-1", "a-2"])
    }

    @Test func eachHeadingOfAPageHasItsIdAndLink() {
        let html = CommonMark.html("# Farm\n\n## Steps\n\ntext\n\n## Steps\n\n### `psconfig` *now*\n")
        #expect(
            html == """
                <h1>Farm <a class="anchor" id="farm" href="#farm" aria-label="Link to this section">#</a></h1>
                <h2>Steps <a class="anchor" id="steps" href="#steps" aria-label="Link to this section">#</a></h2>
                <p>text</p>
                <h2>Steps <a class="anchor" id="steps-1" href="#steps-1" aria-label="Link to this section">#</a></h2>
                <section class="step">
                <h3><code>psconfig</code> <em>now</em> <a class="anchor" id="psconfig-now" href="#psconfig-now" aria-label="Link to this section">#</a></h3>
                </section>

                """)
    }

    /// A heading's id is made from its text alone: what looks like HTML in it is text.
    @Test func idsHoldNoMarkup() {
        let html = CommonMark.html("## a \\<b\\> \"c\" & d\n")
        #expect(
            html
                == ##"<h2>a &lt;b&gt; &quot;c&quot; &amp; d <a class="anchor" id="a-b-c--d" href="#a-b-c--d" aria-label="Link to this section">#</a></h2>"##
                + "\n")
    }

    /// A step runs from its heading to the next heading of its level or above, and is one section.
    @Test func eachStepIsOneSection() {
        let html = CommonMark.html("## Phase\n\n### 1. One\n\ntext\n\n- [ ] item\n\n#### detail\n\nmore\n\n### 2. Two\n\n## Next\n")
        let sections = html.components(separatedBy: #"<section class="step">"#).dropFirst()
        #expect(sections.count == 2)
        #expect(sections.first?.contains("<p>more</p>\n</section>") == true)
        #expect(
            html.hasSuffix(
                "</section>\n<h2>Next" + ##" <a class="anchor" id="next" href="#next" aria-label="Link to this section">#</a></h2>"## + "\n"
            ))
    }
}

/// Step bodies are converted once and spliced into many pages; one that holds a heading is
/// converted with its page instead, so that its id is unique on that page.
@Suite struct HeadingsInStepBodiesTests {
    @Test func aBodyWithAHeadingGetsIdsUniqueOnItsPage() throws {
        let root = Fixtures.examples.deletingLastPathComponent()
        let content = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-content-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: content) }
        try FileManager.default.copyItem(at: root.appendingPathComponent("Content"), to: content)
        for step in ["grant-setup-permissions", "remove-temporary-permissions"] {
            let file = content.appendingPathComponent("steps/\(step).md")
            try (try String(contentsOf: file, encoding: .utf8) + "\n#### Note\n\nCheck the service.\n").write(
                to: file, atomically: true, encoding: .utf8)
        }
        let (templates, log) = Templates.load(templates: root.appendingPathComponent("Templates"), content: content)
        #expect(!log.hasErrors)
        let farm = try #require(Fixtures.exampleFarm("contoso-intranet.yaml").farm)
        let input = SitePages.FarmInput(farm: farm, plan: try plan(farm))
        let files = try SitePages.farmFiles(input, templates: try #require(templates))
        let page = String(decoding: try #require(files["contoso-intranet/servers/WFE01.html"]), as: UTF8.self)
        let markdown = String(decoding: try #require(files["contoso-intranet/servers/WFE01.md"]), as: UTF8.self)
        let ids = page.matches(of: /id="([^"]+)"/).map { String($0.1) }
        #expect(markdown.components(separatedBy: "#### Note").count == 3)
        #expect(ids.contains("note") && ids.contains("note-1"))
        #expect(Set(ids).count == ids.count)
        #expect(page.contains(CommonMark.html(markdown)))
    }
}
