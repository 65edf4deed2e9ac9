import CCmark

/// Markdown to plain text, for the fields of a change ticket that show text as typed: no markup
/// characters, paragraphs wrapped, lists indented, tables as aligned columns (or as `Header: value`
/// lines where columns would not fit). It walks cmark's syntax tree, so the text says exactly what
/// the Markdown page does.
enum PlainText {
    static func text(_ markdown: String, width: Int = 72) -> String {
        let markdown = CommonMark.withLineFeeds(markdown)  // so that a table's lines are cmark's
        var source = markdown
        guard let document = source.withUTF8({ cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }) else {
            return ""
        }
        defer { cmark_node_free(document) }
        var writer = Writer(width: width, markdown: markdown)
        writer.blocks(of: document, indent: "", first: "")
        return writer.output.isEmpty ? "" : writer.output.joined(separator: "\n") + "\n"
    }

    /// The text of inline Markdown: code as it is, a link as its text and address.
    static func inline(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            child = cmark_node_next(current)
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal(current)
            case CMARK_NODE_SOFTBREAK: text += " "
            case CMARK_NODE_LINEBREAK: text += "\n"
            case CMARK_NODE_LINK:
                let label = inline(current)
                let url = cmark_node_get_url(current).map { String(cString: $0) } ?? ""
                text += url.isEmpty || url == label ? label : "\(label) (\(url))"
            case CMARK_NODE_HTML_INLINE: continue
            default: text += inline(current)
            }
        }
        return text
    }

    static func literal(_ node: OpaquePointer) -> String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }

    private struct Writer {
        let width: Int
        let markdown: String
        /// The Markdown's lines, split when a table is first read from its source (as `CommonMark` reads it).
        private var lines: [Substring]?
        var output: [String] = []

        init(width: Int, markdown: String) {
            self.width = width
            self.markdown = markdown
        }

        private mutating func sourceLines() -> [Substring] {
            if let lines { return lines }
            let split = PlainText.split(markdown[...], at: "\n", omittingEmpty: false)
            lines = split
            return split
        }

        /// Each block child of `node`, separated by blank lines; `first` replaces `indent` on
        /// the first line (a list item's marker).
        mutating func blocks(of node: OpaquePointer, indent: String, first: String, tight: Bool = false) {
            var child = cmark_node_first_child(node)
            var lead = first
            var isFirst = true
            while let current = child {
                child = cmark_node_next(current)
                if !isFirst && !tight && output.last?.isEmpty == false { output.append("") }
                let before = output.count
                block(current, indent: indent, first: lead)
                if output.count > before { lead = indent; isFirst = false }
            }
        }

        mutating func block(_ node: OpaquePointer, indent: String, first: String) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                let text = PlainText.inline(node)
                if text.hasPrefix("|"), let table = table(node) {
                    // Aligned rows fit the width; a `Name: value` line may not, and wraps under itself.
                    for (index, line) in table.enumerated() {
                        let lead = index == 0 ? first : indent
                        if lead.count + line.count <= width {
                            output.append(lead + line)
                        } else {
                            wrap(line, indent: indent + "  ", first: lead)
                        }
                    }
                } else {
                    wrap(text, indent: indent, first: first)
                }
            case CMARK_NODE_HEADING:
                // Underlined as in Setext headings: `=` under a title, `-` under a section, as long
                // as its longest line.
                let before = output.count
                wrap(PlainText.inline(node), indent: indent, first: first)
                let level = cmark_node_get_heading_level(node)
                if level <= 2 {
                    let longest = output[before...].map { $0.count - indent.count }.max() ?? 1
                    output.append(indent + String(repeating: level == 1 ? "=" : "-", count: max(1, longest)))
                }
            case CMARK_NODE_LIST:
                list(node, indent: indent, first: first)
            case CMARK_NODE_CODE_BLOCK:
                let lines = PlainText.literal(node).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                for (index, line) in lines.enumerated() { output.append((index == 0 ? first : indent) + "    " + line) }
            case CMARK_NODE_BLOCK_QUOTE:
                blocks(of: node, indent: indent + "  ", first: first + "  ")
            case CMARK_NODE_THEMATIC_BREAK:
                output.append(indent + String(repeating: "-", count: 20))
            default:
                break
            }
        }

        private mutating func list(_ node: OpaquePointer, indent: String, first: String) {
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let tight = cmark_node_get_list_tight(node) != 0
            var number = Int(cmark_node_get_list_start(node))
            var item = cmark_node_first_child(node)
            var lead = first
            while let current = item {
                item = cmark_node_next(current)
                let marker = ordered ? "\(number). " : "- "
                number += 1
                if !tight, lead == indent, output.last?.isEmpty == false { output.append("") }
                blocks(of: current, indent: indent + String(repeating: " ", count: marker.count), first: lead + marker, tight: tight)
                lead = indent
            }
        }

        /// Words filled into lines of at most `width` columns; a word longer than a line stands alone.
        private mutating func wrap(_ text: String, indent: String, first: String) {
            for (index, paragraph) in PlainText.split(text[...], at: "\n", omittingEmpty: false).enumerated() {
                var line = index == 0 ? first : indent
                // The line's length in characters (`line.count`), kept as it grows rather than
                // counted again per word; a word that is not ASCII may join the character before
                // it (a combining mark), so the line is counted again after one.
                var length = line.count
                var lineHasWord = false
                for word in PlainText.split(paragraph, at: " ", omittingEmpty: true) {
                    let ascii = word.utf8.allSatisfy { $0 < 0x80 }
                    // An ASCII word has as many characters as bytes, counted without walking them.
                    if lineHasWord && length + 1 + (ascii ? word.utf8.count : word.count) > width {
                        output.append(line)
                        line = indent
                        length = indent.count
                        lineHasWord = false
                    }
                    if lineHasWord { line += " " }
                    line += word
                    length = ascii ? length + (lineHasWord ? 1 : 0) + word.utf8.count : line.count
                    lineHasWord = true
                }
                output.append(line)
            }
        }

        /// A `| a | b |` paragraph as text: aligned columns where they fit, else one
        /// `Header: value` line per cell and a blank line between rows.
        private mutating func table(_ node: OpaquePointer) -> [String]? {
            let firstLine = Int(cmark_node_get_start_line(node)) - 1
            let lastLine = Int(cmark_node_get_end_line(node)) - 1
            let source = sourceLines()
            guard firstLine >= 0, lastLine < source.count, lastLine > firstLine else { return nil }
            guard let table = Table(source[firstLine...lastLine]) else { return nil }
            let cells = ([table.header] + table.rows).map { PlainText.cells($0) }
            let columns = cells.map(\.count).max() ?? 0
            // A table of names and values (its second heading empty) reads best as `Name: value`.
            if columns == 2, cells[0].count == 2, cells[0][1].isEmpty {
                return cells.dropFirst().map { row in row.count == 2 && !row[1].isEmpty ? "\(row[0]): \(row[1])" : row[0] + ":" }
            }
            let widths = (0..<columns).map { column in cells.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
            if widths.reduce(0, +) + 2 * max(0, columns - 1) <= width {
                return cells.enumerated().flatMap { index, row -> [String] in
                    let line = row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingTrailingSpaces
                    return index == 0 ? [line, widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] : [line]
                }
            }
            let headers = cells[0]
            return cells.dropFirst().enumerated().flatMap { index, row -> [String] in
                let lines = row.enumerated().compactMap { column, value -> String? in
                    guard !value.isEmpty else { return nil }
                    let header = headers.indices.contains(column) ? headers[column] : ""
                    return header.isEmpty ? value : "\(header): \(value)"
                }
                return (index == 0 ? [] : [""]) + lines
            }
        }
    }

    /// `text` split at each `separator` (a space or a line break) as `String.split` splits it at
    /// that character, but by its bytes where they give the same pieces: a line break is a
    /// character of its own except in "\r\n", and a space except before a combining mark (which
    /// ASCII text lacks).
    static func split(_ text: Substring, at separator: Character, omittingEmpty: Bool) -> [Substring] {
        let isLineBreak = separator == "\n"
        var copy = text
        let found = copy.withUTF8 { bytes -> [Range<Int>]? in
            let bytesWillDo = isLineBreak ? bytes.index(of: 0x0D, from: 0) == nil : bytes.allSatisfy { $0 < 0x80 }
            guard let byte = separator.asciiValue, bytesWillDo else { return nil }
            var ranges: [Range<Int>] = []
            var start = 0
            for offset in 0...bytes.count where offset == bytes.count || bytes[offset] == byte {
                if !omittingEmpty || offset > start { ranges.append(start..<offset) }
                start = offset + 1
            }
            return ranges
        }
        guard let ranges = found else { return text.split(separator: separator, omittingEmptySubsequences: omittingEmpty) }
        let utf8 = text.utf8
        return ranges.map { range in
            Substring(
                utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
        }
    }

    /// Table cells' Markdown as text, each parsed as inline content.
    static func cells(_ cells: [String]) -> [String] {
        cells.map { cell in
            var source = CommonMark.inlineOnly(cell)
            guard !source.isEmpty,
                let document = source.withUTF8({ cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) })
            else { return "" }
            defer { cmark_node_free(document) }
            return cmark_node_first_child(document).map(inline) ?? ""
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
