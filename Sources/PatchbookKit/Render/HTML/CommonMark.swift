import Foundation
import CCmark

/// Markdown to HTML through Debian's libcmark. libcmark is plain CommonMark, so the two GitHub
/// extensions our pages use are handled on its syntax tree: a top-level paragraph whose lines are
/// `| ... |` rows becomes a table, and a list item starting `[ ]` or `[x]` gets a checkbox.
/// Everything else is cmark's own rendering. Values reach the Markdown escaped (`MarkdownEscape`),
/// so the only raw HTML in a page is what this converter inserts itself.
public enum CommonMark {
    public static func html(_ markdown: String) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var source = markdown
        guard let document = source.withUTF8({ cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }) else {
            return ""
        }
        defer { cmark_node_free(document) }
        convertTables(in: document, lines: lines)
        convertTaskItemsAndLinks(in: document)
        // cmark cannot put a class on a list item; the checkbox markup is ours, so this finds only task items.
        return render(document)
            .replacingOccurrences(of: "<li><input type=\"checkbox\"", with: "<li class=\"task\"><input type=\"checkbox\"")
            .replacingOccurrences(of: "<li>\n<p><input type=\"checkbox\"", with: "<li class=\"task\">\n<p><input type=\"checkbox\"")
    }

    /// An inline fragment (a table cell), without the paragraph around it. A cell holds inline
    /// content only, so what would open a block at its start (`#`, `>`, a list marker, a fence) is escaped.
    static func inlineHTML(_ markdown: String) -> String {
        var source = inlineOnly(markdown)
        guard let document = source.withUTF8({ cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }) else {
            return ""
        }
        defer { cmark_node_free(document) }
        var html = render(document)
        if html.hasPrefix("<p>") && html.hasSuffix("</p>\n") {
            html = String(html.dropFirst(3).dropLast(5))
        }
        return html
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

    private static func render(_ node: OpaquePointer) -> String {
        // UNSAFE lets the table and checkbox HTML inserted here through; values cannot carry HTML.
        guard let html = cmark_render_html(node, CMARK_OPT_UNSAFE) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    // MARK: Tables

    private static func convertTables(in document: OpaquePointer, lines: [Substring]) {
        var node = cmark_node_first_child(document)
        while let current = node {
            node = cmark_node_next(current)
            guard cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH else { continue }
            let first = Int(cmark_node_get_start_line(current)) - 1
            let last = Int(cmark_node_get_end_line(current)) - 1
            guard first >= 0, last < lines.count, let table = Table(lines[first...last]) else { continue }
            replace(current, withHTML: table.html)
        }
    }

    private static func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        _ = cmark_node_set_literal(block, html)
        _ = cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    // MARK: Task lists and links

    /// Adds checkboxes, and points relative links to Markdown pages at their HTML twins.
    private static func convertTaskItemsAndLinks(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var items: [OpaquePointer] = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_ITEM: items.append(node)
            case CMARK_NODE_LINK: rewriteLink(node)
            default: break
            }
        }
        // Changing the tree while iterating it is undefined in cmark, so the items wait until here.
        items.forEach(addCheckbox)
    }

    private static func rewriteLink(_ link: OpaquePointer) {
        guard let url = cmark_node_get_url(link).map({ String(cString: $0) }),
              !url.contains(":"), url.hasSuffix(".md") else { return }
        _ = cmark_node_set_url(link, String(url.dropLast(3)) + ".html")
    }

    private static func addCheckbox(to item: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(text).map({ String(cString: $0) }) else { return }
        let checked: Bool
        if literal.hasPrefix("[ ] ") { checked = false } else if literal.hasPrefix("[x] ") || literal.hasPrefix("[X] ") { checked = true } else { return }
        _ = cmark_node_set_literal(text, String(literal.dropFirst(4)))
        guard let box = cmark_node_new(CMARK_NODE_HTML_INLINE) else { return }
        _ = cmark_node_set_literal(box, checked ? #"<input type="checkbox" checked disabled> "# : #"<input type="checkbox" disabled> "#)
        _ = cmark_node_prepend_child(paragraph, box)
    }
}
