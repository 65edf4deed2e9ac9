import Foundation
import Testing

@testable import PatchbookKit

/// Tables and block quotes lifted out of a page before cmark reads it (`LiftedBlocks`) give the
/// HTML of the page converted as written, wherever cmark would read their lines as something else.
@Suite struct LiftedBlockTests {
    /// Lines a page is made of here: table rows, quotes, and everything that could hold them, end
    /// them or read them otherwise (fences, raw HTML, containers, link references, headings,
    /// blank lines cmark sees and we do not).
    private static let lines = [
        "| a | b |", "| --- | ---: |", "| 1 | `x` [A](s/A.md) |", "|a|", "| :-- |", #"| x \| y | z |"#, "|---|---|",
        "| WSS_Content_1 | SQL01 |", "", "", "", "\r", "   ", "```", "~~~", "````", "   ```", "<!--", "-->", "<pre>",
        "</pre>", "<div>", "- item", "1. item", "> quote", "# Heading", "### Step", "text", "    code", "&#2;0&#2;",
        "- [ ] task", "---", "===", "  | indented |", "|", "| é |", "> - [ ] Step 1 done at ________ (time)", "> # Quoted",
        "> [ref] and [page](a.md)", "[ref]: /url", "> ```", "> <!--", ">", "> > nested", "  > indented", "> - [x] done",
        "> ---", "> | a |", ">     code", "a\rb", "> q\r\r```", "| a\r\rb |", "| b |\r| c |", "> `x`", "> \u{1FEF}x\u{1FEF}",
        "> caf\u{E9}", "> cafe\u{301}",
    ]

    /// Whole tables and quotes, half of them with empty lines around, so that many pages have one to lift.
    private static let blocks = ["", "\n"].flatMap { edge in
        [
            "| a | b |\n| --- | ---: |\n| 1 | `x` [A](s/A.md) |", "|a|\n|-|", "| x \\| y | z |\n| :-: | --- |\n| WSS_Content_1 | SQL01 |",
            "> - [ ] Step 4 done at ________ (time) by ________ (initials)", "> a\n> b", "> - one\n>\n> - two",
        ].map { edge + $0 + edge }
    }

    private static func page(_ generator: inout SeededGenerator) -> String {
        let count = Int.random(in: 1...24, using: &generator)
        let text = (0..<count).map { _ in
            (Int.random(in: 0..<3, using: &generator) == 0 ? blocks : lines).randomElement(using: &generator) ?? ""
        }.joined(separator: "\n")
        return Bool.random(using: &generator) ? text + "\n" : text
    }

    @Test func liftedPagesConvertAsWritten() {
        var generator = SeededGenerator(seed: 16)
        // One cache for every page: a quote's HTML does not depend on its page.
        let quotes = QuoteCache()
        var lifted = 0, spliced = 0
        for _ in 0..<4000 {
            let page = Self.page(&generator)
            if let blocks = LiftedBlocks(page, quotes: quotes) {
                lifted += 1
                // The lifted way was taken, not only tried: its marks came back as paragraphs.
                let html = CommonMark.pageAsWritten(blocks.markdown).html
                if html.withUnsafeBufferPointer(blocks.splice) != nil { spliced += 1 }
            }
            #expect(CommonMark.page(page, quotes: quotes) == CommonMark.pageAsWritten(page), "\(page.debugDescription)")
        }
        #expect(lifted > 1_000 && spliced > lifted / 2, "\(lifted) lifted, \(spliced) spliced")
    }

    @Test func blocksCmarkReadsOtherwiseStayAsWritten() throws {
        let table = "| a | b |\n| --- | --- |\n| 1 | 2 |\n"
        let quote = "> - [ ] Step 1 done at ________ (time) by ________ (initials)\n"
        for block in [table, quote] {
            for page in [
                "```\n\n" + block + "\n```\n", "<!--\n\n" + block + "\n-->\n", "&#2;0&#2;\n\n" + block, "<pre>\n\n" + block + "\n</pre>\n",
            ] {
                #expect(LiftedBlocks(page, quotes: QuoteCache()) != nil, "\(page.debugDescription)")
                #expect(CommonMark.page(page, quotes: QuoteCache()) == CommonMark.pageAsWritten(page), "\(page.debugDescription)")
            }
        }
        let html = String(decoding: CommonMark.page("Intro\n\n" + table + "\nAfter\n").html, as: UTF8.self)
        #expect(html.hasPrefix("<p>Intro</p>\n<div class=\"table\"><table>\n") && html.hasSuffix("</table></div>\n<p>After</p>\n"))
        // A page holding the mark's delimiter is not lifted at all.
        #expect(LiftedBlocks("\u{2}\n\n" + table, quotes: QuoteCache()) == nil)
    }

    /// Line ends cmark reads ("\r\n", "\r" alone) are line ends to the lifting and to the tables too,
    /// and quotes Swift holds equal but cmark does not (U+1FEF and a backtick) are converted apart.
    /// Each page here once converted otherwise, or (the last two) overflowed the stack.
    @Test func lineEndsAndEquivalentQuotes() {
        let quotes = QuoteCache()
        for page in [
            "> `x`\n\n> \u{1FEF}x\u{1FEF}\n", "> caf\u{E9}\n\n> cafe\u{301}\n", "a\rb\n\n|a|\n|-|\n", "| a |\n| - |\n| b |\r| c |\n",
            "> q\r\r<!--\n\n*a* -->\n", "> q\r\r```\n\n*a*\n", "| a\r\rb |\n| - |", "| a\r| b\r\rc |\n| - | - |",
        ] {
            #expect(CommonMark.page(page, quotes: quotes) == CommonMark.pageAsWritten(page), "\(page.debugDescription)")
        }
        let html = { (page: String) in String(decoding: CommonMark.page(page).html, as: UTF8.self) }
        #expect(html("> `x`\n\n> \u{1FEF}x\u{1FEF}\n").contains("<p>\u{1FEF}x\u{1FEF}</p>"))
        // A table saved with Windows line ends is a table, in HTML and in plain text.
        #expect(html("| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n") == html("| a | b |\n| - | - |\n| 1 | 2 |\n"))
        #expect(html("| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n").contains("<td>2</td>"))
        #expect(PlainText.text("| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n") == PlainText.text("| a | b |\n| - | - |\n| 1 | 2 |\n"))
    }

    /// A quote stays in its page where its HTML could depend on the page: a link reference, or a heading.
    @Test func quotesThatDependOnThePageStay() {
        let quotes = QuoteCache()
        #expect(LiftedBlocks("> see [ref]\n\n[ref]: /url\n", quotes: quotes) == nil)
        #expect(LiftedBlocks("> # Heading\n\n# Heading\n", quotes: quotes) == nil)
        #expect(LiftedBlocks("> - [ ] Step 1 done\n\n# Heading\n", quotes: quotes) != nil)
        #expect(LiftedBlocks("> - [ ] Step 1 done\n", quotes: nil) == nil)
        for page in ["# Heading\n\n> # Heading\n", "> see [ref]\n\n[ref]: /url\n", "[ref]: /url\n\n> see [ref]\n"] {
            #expect(CommonMark.page(page, quotes: quotes) == CommonMark.pageAsWritten(page), "\(page.debugDescription)")
        }
    }
}

/// Step bodies converted apart and spliced into their page's HTML (`PageBodies.spliceHTML`) give
/// the HTML of the whole page; where that cannot hold, the splice gives nil and the caller
/// converts the whole page. The site is the same either way, so only this shows the splice taken.
@Suite struct SplicedBodyTests {
    @Test func aBodySplicedIntoItsPageIsThePagesHTML() {
        let pages = PageBodies()
        let mark = pages.shared(Array("body".utf8)) { "Run **this**:\n\n```\nstsadm -o upgrade\n```\n\n> Done: ____\n" }
        let skeleton = "# Step\n\n\(mark)\n\n- [ ] checked\n"
        let whole = String(decoding: pages.splice(skeleton), as: UTF8.self)
        #expect(whole.contains("stsadm -o upgrade") && !whole.contains(mark))
        let spliced = pages.spliceHTML(CommonMark.page(skeleton, quotes: pages.quotes).html)
        #expect(spliced != nil && spliced == CommonMark.page(whole, quotes: QuoteCache()).html)
    }

    @Test func aBodyWithAHeadingOrAMarkInsideABlockIsNotSpliced() {
        let pages = PageBodies()
        let headed = pages.shared(Array("headed".utf8)) { "## Inside\n\ntext\n" }
        #expect(pages.spliceHTML(CommonMark.page("\(headed)\n", quotes: pages.quotes).html) == nil)
        let plain = pages.shared(Array("plain".utf8)) { "text\n" }
        #expect(pages.spliceHTML(CommonMark.page("- \(plain)\n", quotes: pages.quotes).html) == nil)
    }
}
