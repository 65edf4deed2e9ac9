import Testing

@testable import PatchbookKit

/// Code blocks get their lines and arguments marked, so a long command wraps between arguments or
/// with a mark (CommandBlocks); the text stays cmark's, character for character.
@Suite struct CommandBlockTests {
    @Test func linesArgumentsAndKeptSpacesAreMarked() {
        let html = CommonMark.html("```\nreg query \"HKLM\\Web server  x\" /v  V\ncd\n```\n")
        #expect(
            html == """
                <pre><code><span class="line"><span class="arg">reg</span> <span class="arg">query</span> \
                <span class="arg">&quot;HKLM\\We<span class="keep">b s</span>erve<span class="keep">r  x</span>&quot;</span> \
                <span class="arg">/v</span>  <span class="arg">V</span>
                </span><span class="line"><span class="arg">cd</span>
                </span></code></pre>

                """)
    }

    /// An indented code block in a list item, and a fence with a language, as cmark has them.
    @Test func codeInListItemsAndLanguages() {
        #expect(
            CommonMark.html("1.  a\n\n        net stop w3svc\n")
                == "<ol>\n<li>\n<p>a</p>\n<pre><code><span class=\"line\"><span class=\"arg\">net</span> <span class=\"arg\">stop</span> "
                + "<span class=\"arg\">w3svc</span>\n</span></code></pre>\n</li>\n</ol>\n")
        #expect(CommonMark.html("```sql x\nGO\n```\n").hasPrefix(#"<pre><code class="language-sql"><span class="line">"#))
    }

    /// Without its tags a block is exactly what cmark renders, whatever the command holds.
    @Test func textIsCmarksText() {
        var generator = SeededGenerator(seed: 5)
        let alphabet = Array(#"ab \"^&<>%\\  é"#)
        for _ in 0..<500 {
            let lines = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                String((0..<Int.random(in: 0...16, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            }
            let code = lines.joined(separator: "\n") + "\n"
            let ours = CommonMark.html("````\n" + code + "````\n").replacing(/<\/?span[^>]*>/, with: "")
            #expect(ours == "<pre><code>" + escaped(code) + "</code></pre>\n", "\(code.debugDescription)")
        }
    }

    /// The arguments marked are the ones the program receives, for every escaped value: a
    /// quoted path with spaces, `%` and carets is one argument.
    @Test func argumentsAreTheCommandLinesArguments() throws {
        var generator = SeededGenerator(seed: 9)
        let alphabet = Array(#"ab \"^%&|<>()\\-:é"#)
        for _ in 0..<2_000 {
            let value = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            let line = "stsadm -o addcontentdb -url \(CommandEscape.prompt(value)) -x"
            let bytes = Array(line.utf8)
            let marked = CommandBlocks.arguments(bytes[...]).map { String(decoding: bytes[$0], as: UTF8.self) }
            let received = try WindowsCommandLine.arguments(line, mode: .prompt, environment: InjectionCorpus.environment)
            #expect(marked.count == received.count, "\(line): \(marked)")
            #expect(marked.last == "-x" && marked[4] == CommandEscape.prompt(value), "\(line): \(marked)")
        }
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
