import CCmark

/// Code blocks hold commands to type or paste, and a long one wraps, on a phone and on paper. So
/// that no wrap can be read as a break the command does not have, each line of a code block
/// becomes a `<span class="line">` and each of its arguments, as the program run receives them
/// (`arguments`), a `<span class="arg">`. The stylesheet wraps a line only between arguments, its next lines
/// indented under its first, and an argument longer than a line where the line ends, with a
/// continuation mark it draws itself. A space inside an argument (in a quoted path) stays on one
/// line with the characters either side of it (`<span class="keep">`), so that no wrap there
/// looks like the end of the argument. Only tags are added: the text, and what a copy from the
/// page gives, are the command's. The Markdown keeps its plain code blocks.
enum CommandBlocks {
    static func convert(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        var blocks: [OpaquePointer] = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { continue }
            blocks.append(node)
        }
        cmark_iter_free(iterator)
        // Changing the tree while iterating it is undefined in cmark, so the blocks wait until here.
        for block in blocks {
            let code = cmark_node_get_literal(block).map { String(cString: $0) } ?? ""
            let info = cmark_node_get_fence_info(block).map { String(cString: $0) } ?? ""
            guard let html = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            _ = cmark_node_set_literal(html, Self.html(code, info: info))
            _ = cmark_node_replace(block, html)
            cmark_node_free(block)
        }
    }

    /// The `<pre>` of one code block: cmark's, with the lines and arguments marked. A language
    /// (the first word of a fence's info string) becomes cmark's `language-` class.
    static func html(_ code: String, info: String) -> String {
        let language = info.split(separator: " ", maxSplits: 1).first.map { #" class="language-"# + escaped($0) + #"""# } ?? ""
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return "<pre><code\(language)>" + lines.map { #"<span class="line">"# + line($0) + "\n</span>" }.joined() + "</code></pre>\n"
    }

    /// One command line: its arguments marked, the spaces between them left as they are.
    static func line(_ text: Substring) -> String {
        var html = ""
        var position = text.startIndex
        for range in arguments(text) {
            html += escaped(text[position..<range.lowerBound])
            html += #"<span class="arg">"# + argument(text[range]) + "</span>"
            position = range.upperBound
        }
        return html + escaped(text[position...])
    }

    /// Where each argument of a command line is: where the program's C runtime splits what
    /// cmd.exe passes it (at spaces and tabs outside its double quotes; 2n backslashes before a
    /// `"` leave it a quote, 2n+1 make it a literal; `""` inside quotes is a literal). cmd.exe
    /// removes a `^` outside its own quotes and takes the next character as it is, so a `^"`
    /// changes the runtime's quoting but not cmd's.
    static func arguments(_ text: Substring) -> [Range<Substring.Index>] {
        var ranges: [Range<Substring.Index>] = []
        var start: Substring.Index?
        var cmdQuoted = false, quoted = false, backslashes = 0
        var index = text.startIndex
        while index < text.endIndex {
            var character = text[index]
            if character == "^" && !cmdQuoted, text.index(after: index) < text.endIndex {
                if start == nil { start = index }
                index = text.index(after: index)
                character = text[index]
            } else if character == "\"" {
                cmdQuoted.toggle()
            }
            if isSpace(character) && !quoted {
                if let begun = start { ranges.append(begun..<index) }
                start = nil
            } else {
                if start == nil { start = index }
                if character == "\"" && backslashes % 2 == 0 {
                    let next = text.index(after: index)
                    if quoted && next < text.endIndex && text[next] == "\"" {
                        index = next  // "" inside quotes: a literal quote
                        cmdQuoted.toggle()
                    } else {
                        quoted.toggle()
                    }
                }
            }
            backslashes = character == "\\" ? backslashes + 1 : 0
            index = text.index(after: index)
        }
        if let begun = start { ranges.append(begun..<text.endIndex) }
        return ranges
    }

    /// An argument, each run of spaces in it kept on one line with a character either side.
    static func argument(_ text: Substring) -> String {
        var html = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard let space = text[index...].firstIndex(where: isSpace) else {
                html += escaped(text[index...])
                break
            }
            // The kept run starts a character before the space and ends a character after the
            // last space of the run (and of the runs that this character joins to it).
            let keepStart = space > index ? text.index(before: space) : space
            var keepEnd = space
            while keepEnd < text.endIndex, isSpace(text[keepEnd]) {
                keepEnd = text[keepEnd...].firstIndex { !isSpace($0) } ?? text.endIndex
                if keepEnd < text.endIndex { keepEnd = text.index(after: keepEnd) }
            }
            html += escaped(text[index..<keepStart]) + #"<span class="keep">"# + escaped(text[keepStart..<keepEnd]) + "</span>"
            index = keepEnd
        }
        return html
    }

    private static func isSpace(_ character: Character) -> Bool { character == " " || character == "\t" }

    /// Text in HTML as cmark escapes it in a code block.
    static func escaped(_ text: Substring) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
