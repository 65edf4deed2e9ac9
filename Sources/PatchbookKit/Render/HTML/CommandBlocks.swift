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
    /// (the first word of a fence's info string) becomes cmark's `language-` class. Built as
    /// UTF-8 bytes: the characters that matter are ASCII, and the C runtime splits by code unit.
    static func html(_ code: String, info: String) -> String {
        var html: [UInt8] = []
        html.reserveCapacity(code.utf8.count * 3)
        html += "<pre><code".utf8
        if let language = info.split(separator: " ", maxSplits: 1).first {
            html += #" class="language-"#.utf8
            escape(Array(language.utf8)[...], into: &html)
            html.append(UInt8(ascii: "\""))
        }
        html.append(UInt8(ascii: ">"))
        var lines = Array(code.utf8).split(separator: newline, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines {
            html += lineOpen
            self.line(line, into: &html)
            html += lineClose
        }
        html += "</code></pre>\n".utf8
        return String(decoding: html, as: UTF8.self)
    }

    // Tags as bytes, copied whole (a long block has thousands of them).
    private static let lineOpen = Array(#"<span class="line">"#.utf8), lineClose = Array("\n</span>".utf8)
    private static let argumentOpen = Array(#"<span class="arg">"#.utf8), keepOpen = Array(#"<span class="keep">"#.utf8)
    private static let spanClose = Array("</span>".utf8)
    private static let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    private static let quote = UInt8(ascii: "\""), caret = UInt8(ascii: "^"), backslash = UInt8(ascii: "\\")

    /// One command line: its arguments marked, the spaces between them left as they are.
    static func line(_ text: ArraySlice<UInt8>, into html: inout [UInt8]) {
        var position = text.startIndex
        for range in arguments(text) {
            escape(text[position..<range.lowerBound], into: &html)
            html += argumentOpen
            argument(text[range], into: &html)
            html += spanClose
            position = range.upperBound
        }
        escape(text[position...], into: &html)
    }

    /// Where each argument of a command line is: where the program's C runtime splits what
    /// cmd.exe passes it (at spaces and tabs outside its double quotes; 2n backslashes before a
    /// `"` leave it a quote, 2n+1 make it a literal; `""` inside quotes is a literal). cmd.exe
    /// removes a `^` outside its own quotes and takes the next character as it is, so a `^"`
    /// changes the runtime's quoting but not cmd's.
    static func arguments(_ text: ArraySlice<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(16)  // most command lines: up to 16 arguments, without growing
        var start: Int?
        var cmdQuoted = false, quoted = false, backslashes = 0
        var index = text.startIndex
        while index < text.endIndex {
            var byte = text[index]
            if byte == caret && !cmdQuoted, index + 1 < text.endIndex {
                if start == nil { start = index }
                index += 1
                byte = text[index]
            } else if byte == quote {
                cmdQuoted.toggle()
            }
            if isSpace(byte) && !quoted {
                if let begun = start { ranges.append(begun..<index) }
                start = nil
            } else {
                if start == nil { start = index }
                if byte == quote && backslashes % 2 == 0 {
                    if quoted && index + 1 < text.endIndex && text[index + 1] == quote {
                        index += 1  // "" inside quotes: a literal quote
                        cmdQuoted.toggle()
                    } else {
                        quoted.toggle()
                    }
                }
            }
            backslashes = byte == backslash ? backslashes + 1 : 0
            index += 1
        }
        if let begun = start { ranges.append(begun..<text.endIndex) }
        return ranges
    }

    /// An argument, each run of spaces in it kept on one line with a character either side.
    static func argument(_ text: ArraySlice<UInt8>, into html: inout [UInt8]) {
        var index = text.startIndex
        while index < text.endIndex {
            guard let space = text[index...].firstIndex(where: isSpace) else {
                escape(text[index...], into: &html)
                break
            }
            // The kept run starts a character before the space and ends a character after the
            // last space of the run (and of the runs that this character joins to it).
            let keepStart = space > index ? characterStart(before: space, in: text) : space
            var keepEnd = space
            while keepEnd < text.endIndex, isSpace(text[keepEnd]) {
                keepEnd = text[keepEnd...].firstIndex { !isSpace($0) } ?? text.endIndex
                if keepEnd < text.endIndex { keepEnd = characterEnd(from: keepEnd, in: text) }
            }
            escape(text[index..<keepStart], into: &html)
            html += keepOpen
            escape(text[keepStart..<keepEnd], into: &html)
            html += spanClose
            index = keepEnd
        }
    }

    /// Where the character that ends just before `index` starts: kept whole, so that a space
    /// is never kept with half of a letter (its scalars and their marks). Read in a window of
    /// bytes, which holds any character a command line has.
    private static func characterStart(before index: Int, in text: ArraySlice<UInt8>) -> Int {
        var from = max(text.startIndex, index - window)
        while from < index, text[from] & 0xC0 == 0x80 { from += 1 }
        guard let last = String(decoding: text[from..<index], as: UTF8.self).last else { return index }
        return index - last.utf8.count
    }

    /// Where the character that starts at `index` ends.
    private static func characterEnd(from index: Int, in text: ArraySlice<UInt8>) -> Int {
        guard let first = String(decoding: text[index..<min(text.endIndex, index + window)], as: UTF8.self).first else { return index }
        return min(text.endIndex, index + first.utf8.count)
    }

    private static let window = 64

    private static func isSpace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Text in HTML as cmark escapes it in a code block.
    static func escape(_ text: ArraySlice<UInt8>, into html: inout [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): html += "&amp;".utf8
            case UInt8(ascii: "<"): html += "&lt;".utf8
            case UInt8(ascii: ">"): html += "&gt;".utf8
            case quote: html += "&quot;".utf8
            default: html.append(byte)
            }
        }
    }
}
