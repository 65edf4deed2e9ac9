import Testing

@testable import PatchbookKit

/// Headings get GitHub's ids, so a link to one step works on a wiki's Markdown and in our HTML.
@Suite struct HeadingAnchorTests {
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
