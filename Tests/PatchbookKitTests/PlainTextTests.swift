import Testing

@testable import PatchbookKit

/// Markdown to the plain text a change ticket's fields take (`PlainText`).
struct PlainTextTests {
    @Test func blocksBecomeText() {
        let markdown = """
            # Plan: *one*

            Some `code` and a [link](https://example.test/a_b) and \\*stars\\*.

            ## Steps

            3. First
            4. Second, with a list:
               - nested `item`

            ```
            stsadm -o backup
            ```

            > quoted
            """
        #expect(
            PlainText.text(markdown) == """
                Plan: one
                =========

                Some code and a link (https://example.test/a_b) and *stars*.

                Steps
                -----

                3. First
                4. Second, with a list:
                   - nested item

                    stsadm -o backup

                  quoted

                """)
    }

    @Test func paragraphsWrapAtTheWidthAndLongWordsStandAlone() {
        let words = Array(repeating: "word", count: 40).joined(separator: " ")
        let text = PlainText.text("- " + words + " " + String(repeating: "x", count: 90), width: 30)
        let lines = text.split(separator: "\n")
        #expect(lines.dropLast().allSatisfy { $0.count <= 30 })
        #expect(lines.first?.hasPrefix("- word") == true && lines.dropFirst().allSatisfy { $0.hasPrefix("  ") })
        #expect(lines.last.map(String.init) == "  " + String(repeating: "x", count: 90))
        #expect(text.split(whereSeparator: \.isWhitespace).filter { $0 == "word" }.count == 40)
    }

    @Test func tablesLoseTheirPipes() {
        #expect(PlainText.text("| Item | |\n| --- | --- |\n| Ticket | CHG\\_1 |\n| Window | |\n") == "Ticket: CHG_1\nWindow:\n")
        #expect(
            PlainText.text("| A | Bee |\n| --- | ---: |\n| `x` | 1 |\n| long cell | |\n")
                == "A          Bee\n---------  ---\nx          1\nlong cell\n")
        let long = PlainText.text(
            "| Item | |\n| --- | --- |\n| Ticket | \(Array(repeating: "word", count: 30).joined(separator: " ")) |\n", width: 30)
        #expect(long.split(separator: "\n").allSatisfy { $0.count <= 30 } && long.hasPrefix("Ticket: word"))
        #expect(long.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("  word") })
        let wide = PlainText.text("| Name | Meaning |\n| --- | --- |\n| one | \(String(repeating: "m", count: 80)) |\n| two | b |\n")
        // A value longer than a line stands alone under its name.
        #expect(wide == "Name: one\nMeaning:\n  \(String(repeating: "m", count: 80))\n\nName: two\nMeaning: b\n")
    }

    /// Random Markdown never crashes the converter; in prose, no line but a long word's passes the width.
    @Test func randomMarkdownIsConverted() {
        var random = SystemRandomNumberGenerator()
        let pieces = [
            "| a | b |\n", "| --- | --- |\n", "|", "- ", "1. ", "\n", "\n\n", "   ", "`", "```\n", "*", "_", "[x](y)", "<b>",
            "# ", "> ", "word ", "\\", "&amp;", "é", "\t", "longlonglonglonglonglonglonglonglong ",
        ]
        for _ in 0..<2_000 {
            let markdown = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let text = PlainText.text(markdown, width: 20)
            #expect(text.isEmpty || text.hasSuffix("\n"), "\(markdown.debugDescription)")
        }
        // Prose alone (words, emphasis, paragraphs, list items): every line fits, but one word
        // longer than the width, which stands alone on its line.
        let prose = ["word ", "a ", "*em* ", "**strong** ", "\n", "\n\n", "- ", "longlonglonglonglonglong "]
        for _ in 0..<2_000 {
            let markdown = (0..<Int.random(in: 0...60, using: &random)).map { _ in prose.randomElement(using: &random) ?? "" }.joined()
            for line in PlainText.text(markdown, width: 20).split(separator: "\n") {
                let words = line.split(separator: " ").filter { $0 != "-" }
                #expect(line.count <= 20 || words.count == 1, "\(markdown.debugDescription): \(line)")
            }
        }
    }

    /// Splitting by bytes where it may gives `String.split`'s pieces, on text that holds what
    /// makes characters differ from bytes: "\r\n", combining marks after spaces and line breaks.
    @Test func splittingByBytesMatchesSplittingByCharacters() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "  ", "\n", "\r", "\r\n", "\u{301}", "é", "ü", "\t", "-"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            for (separator, omitting) in [(Character("\n"), false), (Character(" "), true)] {
                let expected = text.split(separator: separator, omittingEmptySubsequences: omitting).map(String.init)
                let split = PlainText.split(text[...], at: separator, omittingEmpty: omitting).map(String.init)
                #expect(split == expected, "\(text.debugDescription) at \(separator.debugDescription)")
            }
        }
    }
}
