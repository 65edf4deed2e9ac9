import Foundation
import Testing

@testable import PatchbookKit

/// Tables lifted out of a page before cmark reads it (`LiftedTables`) give the HTML of the page
/// converted as written, wherever cmark would read their lines as something else.
@Suite struct LiftedTableTests {
    /// Lines a page is made of here: table rows, and everything that could hold them, end them or
    /// read them otherwise (fences, raw HTML, containers, blank lines cmark sees and we do not).
    private static let lines = [
        "| a | b |", "| --- | ---: |", "| 1 | `x` [A](s/A.md) |", "|a|", "| :-- |", #"| x \| y | z |"#, "|---|---|",
        "| WSS_Content_1 | SQL01 |", "", "", "", "\r", "   ", "```", "~~~", "````", "   ```", "<!--", "-->", "<pre>",
        "</pre>", "<div>", "- item", "1. item", "> quote", "# Heading", "### Step", "text", "    code", "&#2;0&#2;",
        "- [ ] task", "---", "===", "  | indented |", "|", "| é |",
    ]

    /// Whole tables, half of them with empty lines around, so that many pages have one to lift.
    private static let tables = ["", "\n"].flatMap { edge in
        [
            "| a | b |\n| --- | ---: |\n| 1 | `x` [A](s/A.md) |", "|a|\n|-|", "| x \\| y | z |\n| :-: | --- |\n| WSS_Content_1 | SQL01 |",
        ].map { edge + $0 + edge }
    }

    private static func page(_ generator: inout SeededGenerator) -> String {
        let count = Int.random(in: 1...24, using: &generator)
        let text = (0..<count).map { _ in
            (Int.random(in: 0..<3, using: &generator) == 0 ? tables : lines).randomElement(using: &generator) ?? ""
        }.joined(separator: "\n")
        return Bool.random(using: &generator) ? text + "\n" : text
    }

    @Test func liftedPagesConvertAsWritten() {
        var generator = SeededGenerator(seed: 16)
        var lifted = 0
        for _ in 0..<4000 {
            let page = Self.page(&generator)
            if LiftedTables(page) != nil { lifted += 1 }
            #expect(CommonMark.page(page) == CommonMark.pageAsWritten(page), "\(page.debugDescription)")
        }
        #expect(lifted > 1_000)
    }

    @Test func tablesCmarkReadsOtherwiseStayAsWritten() throws {
        let table = "| a | b |\n| --- | --- |\n| 1 | 2 |\n"
        for page in [
            "```\n\n" + table + "\n```\n", "<!--\n\n" + table + "\n-->\n", "&#2;0&#2;\n\n" + table, "<pre>\n\n" + table + "\n</pre>\n",
        ] {
            #expect(LiftedTables(page) != nil, "\(page.debugDescription)")
            #expect(CommonMark.page(page) == CommonMark.pageAsWritten(page), "\(page.debugDescription)")
        }
        let html = String(decoding: CommonMark.page("Intro\n\n" + table + "\nAfter\n").html, as: UTF8.self)
        #expect(html.hasPrefix("<p>Intro</p>\n<div class=\"table\"><table>\n") && html.hasSuffix("</table></div>\n<p>After</p>\n"))
        // A page holding the mark's delimiter is not lifted at all.
        #expect(LiftedTables("\u{2}\n\n" + table) == nil)
    }
}
