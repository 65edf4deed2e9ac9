import CCmark
import Foundation

/// Markdown to HTML through Debian's libcmark. libcmark is plain CommonMark, so the two GitHub
/// extensions our pages use are handled on its syntax tree: a top-level paragraph whose lines are
/// `| ... |` rows becomes a table, and a list item starting `[ ]` or `[x]` gets a checkbox.
/// Each heading gets an id and a link to itself (`HeadingAnchors`), each code block its lines and
/// arguments marked for wrapping (`CommandBlocks`). Everything else is cmark's own rendering.
/// Values reach the Markdown escaped (`MarkdownEscape`), so the only raw HTML in a page is what
/// this converter inserts itself.
public enum CommonMark {
    public static func html(_ markdown: String) -> String { String(decoding: page(markdown).html, as: UTF8.self) }

    /// The HTML as the bytes of a file, and whether the Markdown has a heading (whose id must be
    /// unique in its page). cmark's output is valid UTF-8 (its input is a Swift string, and it
    /// adds only ASCII and the characters of entities), so it goes to the page as it is. Block
    /// quotes are converted once through `quotes`, the farm's, where given.
    static func page(_ markdown: String, quotes: QuoteCache? = nil) -> (html: [UInt8], hasHeadings: Bool) {
        let markdown = withLineFeeds(markdown)
        if let lifted = LiftedBlocks(markdown, quotes: quotes),
            let page = convert(
                lifted.markdown, finish: { html in lifted.splice(html).map { $0.withUnsafeBufferPointer(TaskItems.marked) } })
        {
            return page
        }
        return asWritten(markdown)
    }

    /// The page converted without lifting blocks out first (`LiftedBlocks`), whose HTML is the same.
    static func pageAsWritten(_ markdown: String) -> (html: [UInt8], hasHeadings: Bool) {
        asWritten(withLineFeeds(markdown))
    }

    /// `pageAsWritten` of a text whose line ends are already "\n".
    private static func asWritten(_ markdown: String) -> (html: [UInt8], hasHeadings: Bool) {
        convert(markdown, finish: TaskItems.marked) ?? ([], false)
    }

    /// The text with each line end cmark knows ("\r\n", or "\r" alone) written as "\n", as cmark
    /// writes them in its HTML: a table's lines are then the lines cmark numbers (a template
    /// saved with Windows line ends has its tables read as tables). Most texts hold no "\r".
    static func withLineFeeds(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard var next = bytes.index(of: 0x0D, from: 0) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var copied = 0
            while true {
                out.append(contentsOf: bytes[copied..<next])
                out.append(0x0A)
                copied = next + 1 < bytes.count && bytes[next + 1] == 0x0A ? next + 2 : next + 1
                guard let found = bytes.index(of: 0x0D, from: copied) else { break }
                next = found
            }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// `finish` makes the page's bytes from cmark's HTML, or gives nil to refuse it; both callers
    /// end with `TaskItems.marked`, which puts `class="task"` on the list items that start with
    /// our checkbox (cmark cannot put a class on an item) as the C buffer is copied out.
    private static func convert(
        _ markdown: String, finish: (UnsafeBufferPointer<UInt8>) -> [UInt8]?
    ) -> (html: [UInt8], hasHeadings: Bool)? {
        var source = markdown
        guard let document = source.withUTF8({ cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }) else {
            return ([], false)
        }
        defer { cmark_node_free(document) }
        convertTables(in: document, source: markdown)
        convertTaskItemsAndLinks(in: document, taskItems: true)
        CommandBlocks.convert(in: document)
        let hasHeadings = HeadingAnchors.add(to: document)
        StepSections.wrap(in: document)
        return withRendered(document, finish).map { ($0, hasHeadings) }
    }

    /// Whether a table cell comes out of `inlineThroughCmark` as exactly its own text: it holds no
    /// character that inline Markdown or HTML gives a meaning to, and starts like no block does
    /// (a letter, a digit not opening an ordered list, or a non-ASCII character), or with `#`,
    /// which `inlineOnly` escapes where it would open a heading (the `#` column of a table). Two
    /// such characters are harmless between ASCII letters and digits, as in database and account
    /// names: `_` (it can neither open nor close emphasis there) and `\` (it escapes only punctuation).
    static func rendersAsItself(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first >= 0x80 || first.isASCIIAlphanumeric || first == UInt8(ascii: "#") else { return false }
        for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x7F || isMarkup(byte) {
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch byte {
            case UInt8(ascii: "_") where bytes[index - 1].isASCIIAlphanumeric && next?.isASCIIAlphanumeric == true: continue
            case UInt8(ascii: "\\") where next?.isASCIIAlphanumeric == true: continue
            default: return false
            }
        }
        let digits = bytes.prefix(while: \.isASCIIDigit)
        let afterDigits = bytes.dropFirst(digits.count)
        if !digits.isEmpty, let marker = afterDigits.first, marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")") {
            let next = afterDigits.dropFirst().first
            return next != nil && next != UInt8(ascii: " ")
        }
        return true
    }

    /// ASCII that inline Markdown reads (emphasis, code, links, images, escapes, entities, raw
    /// HTML) or that HTML escapes.
    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    /// Cells through cmark as one document, a cell per paragraph. Cells hold inline content only,
    /// so what would open a block at their start (`#`, `>`, a list marker, a fence) is escaped first.
    static func inlineThroughCmark(_ cells: [String]) -> [String] {
        let filled = cells.enumerated().filter { !$0.element.isEmpty }
        var source = filled.map { inlineOnly($0.element) }.joined(separator: "\n\n")
        guard !filled.isEmpty,
            let document = source.withUTF8({ cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) })
        else {
            return cells.map { _ in "" }
        }
        defer { cmark_node_free(document) }
        convertTaskItemsAndLinks(in: document, taskItems: false)
        // Each cell's paragraph rendered alone, without its tags (taken off by their bytes): a
        // cell's own HTML may hold "</p>" (raw HTML in a template) or a combining mark after a tag.
        var paragraphs: [String] = []
        var node = cmark_node_first_child(document)
        while let current = node, cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH {
            paragraphs.append(withRendered(current, withoutParagraphTags))
            node = cmark_node_next(current)
        }
        // A cell that did not become one paragraph (a link reference definition) is rendered alone;
        // a cell alone is taken as cmark rendered it (none holds a line end, so none breaks in two).
        guard node == nil, paragraphs.count == filled.count else {
            guard filled.count > 1 else { return cells.map { $0.isEmpty ? "" : withRendered(document, withoutParagraphTags) } }
            return cells.map { $0.isEmpty ? "" : inlineThroughCmark([$0])[0] }
        }
        var result = cells.map { _ in "" }
        for (position, cell) in filled.enumerated() { result[cell.offset] = paragraphs[position] }
        return result
    }

    static func inlineOnly(_ cell: String) -> String {
        guard let first = cell.first else { return cell }
        let second = cell.dropFirst().first
        let opensBlock: Bool
        switch first {
        case ">", "<": opensBlock = true
        case "#": opensBlock = second == nil || second == " " || second == "#"
        case "-", "+", "*", "_", "=": opensBlock = second == nil || second == " " || second == first
        case "`", "~": opensBlock = cell.hasPrefix(String(repeating: first, count: 3))
        default:
            let digits = cell.prefix { $0.isASCII && $0.isNumber }
            let after = cell.dropFirst(digits.count)
            if !digits.isEmpty, let marker = after.first, marker == "." || marker == ")" {
                return String(digits) + "\\" + after
            }
            opensBlock = false
        }
        return opensBlock ? "\\" + cell : cell
    }

    /// How cmark writes a paragraph's start, and its end with the line end after it.
    static let paragraphStart = Array("<p>".utf8)
    static let paragraphEnd = Array("</p>\n".utf8)

    /// cmark's HTML of a cell's paragraph, without the `<p>` before it and the `</p>` and line end after it.
    private static func withoutParagraphTags(_ html: UnsafeBufferPointer<UInt8>) -> String {
        var text = html[...]
        if text.starts(with: paragraphStart) { text = text.dropFirst(paragraphStart.count) }
        if text.count >= paragraphEnd.count, text.suffix(paragraphEnd.count).elementsEqual(paragraphEnd) {
            text = text.dropLast(paragraphEnd.count)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: text), as: UTF8.self)
    }

    private static func withRendered<Result>(_ node: OpaquePointer, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // UNSAFE lets the table and checkbox HTML inserted here through; values cannot carry HTML.
        guard let html = cmark_render_html(node, CMARK_OPT_UNSAFE) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { free(html) }
        return body(UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html)))
    }

    /// Sets a node's literal from bytes that end with a NUL, as cmark takes a C string; false
    /// (and nothing set) without the NUL.
    @discardableResult
    static func setLiteral(of node: OpaquePointer, to cString: [UInt8]) -> Bool {
        guard cString.last == 0 else { return false }
        return cString.withUnsafeBytes { cmark_node_set_literal(node, $0.baseAddress?.assumingMemoryBound(to: CChar.self)) != 0 }
    }

    // MARK: Tables

    private static func convertTables(in document: OpaquePointer, source: String) {
        // Split once, at the first table: the source's line ends are all "\n" (`withLineFeeds`),
        // so these are the lines cmark numbers.
        var sourceLines: [Substring]?
        var node = cmark_node_first_child(document)
        while let current = node {
            node = cmark_node_next(current)
            guard cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH,
                let literal = cmark_node_first_child(current).flatMap(cmark_node_get_literal),
                literal.pointee == CChar(UInt8(ascii: "|"))
            else { continue }
            let lines = sourceLines ?? PlainText.split(source[...], at: "\n", omittingEmpty: false)
            sourceLines = lines
            let first = Int(cmark_node_get_start_line(current)) - 1
            let last = Int(cmark_node_get_end_line(current)) - 1
            guard first >= 0, first <= last, last < lines.count, let table = Table(lines[first...last]) else { continue }
            replace(current, withHTML: table.html)
        }
    }

    private static func replace(_ node: OpaquePointer, withHTML html: [UInt8]) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        guard setLiteral(of: block, to: html) else { return cmark_node_free(block) }
        _ = cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    // MARK: Task lists and links

    /// Adds checkboxes (unless `taskItems` is false), and points relative links to Markdown pages
    /// at their HTML twins.
    private static func convertTaskItemsAndLinks(in document: OpaquePointer, taskItems: Bool) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var items: [OpaquePointer] = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_ITEM where taskItems: items.append(node)
            case CMARK_NODE_LINK: rewriteLink(node)
            default: break
            }
        }
        // Changing the tree while iterating it is undefined in cmark, so the items wait until here.
        items.forEach(addCheckbox)
    }

    private static func rewriteLink(_ link: OpaquePointer) {
        guard let url = cmark_node_get_url(link).map({ String(cString: $0) }),
            !url.utf8.contains(UInt8(ascii: ":")), url.hasSuffix(".md")
        else { return }
        _ = cmark_node_set_url(link, String(url.dropLast(3)) + ".html")
    }

    private static func addCheckbox(to item: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(text).map({ String(cString: $0) })
        else { return }
        let checked: Bool
        if literal.hasPrefix("[ ] ") {
            checked = false
        } else if literal.hasPrefix("[x] ") || literal.hasPrefix("[X] ") {
            checked = true
        } else {
            return
        }
        _ = cmark_node_set_literal(text, String(literal.dropFirst(4)))
        guard let box = cmark_node_new(CMARK_NODE_HTML_INLINE) else { return }
        _ = cmark_node_set_literal(box, TaskItems.checkbox + (checked ? " checked> " : "> "))
        _ = cmark_node_prepend_child(paragraph, box)
    }
}
