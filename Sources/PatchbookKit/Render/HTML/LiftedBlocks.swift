/// Blocks taken out of a page's Markdown before cmark reads it, and put back as HTML after.
/// - A table's rows are a paragraph of text to cmark, parsed inline only for `CommonMark` to
///   throw the result away and build the table from the source lines; on a page listing 200
///   databases that is most of cmark's work.
/// - A block quote is converted once for all the pages of a farm (`QuoteCache`): every step of a
///   checklist ends with a quoted sign-off line, a task item that costs cmark several times the
///   same length of plain text, and a farm's checklists share most of them.
///
/// A run of `|` (or `>`) lines that starts at the margin, with an empty line or the page's edge
/// on both sides, can only be one top-level table paragraph (or block quote), unless a fenced
/// code block or raw HTML holds it: no container continues at the margin after an empty line,
/// and a block quote ends at one. It becomes a mark, a paragraph of its own, and its HTML takes
/// the place of that paragraph in cmark's output. A quote's HTML is the same alone as in its page
/// unless it uses or defines a link reference (a page with `]:` has its quotes left in place) or
/// holds a heading (whose id depends on the page's other headings; it is left in place too).
/// Where cmark did not render a mark as that paragraph, `splice` gives nil and the page is
/// converted as written, so the HTML is the same either way.
struct LiftedBlocks {
    /// The Markdown with each lifted block replaced by its mark.
    let markdown: String
    /// Each block's HTML, by the number in its mark.
    private let blocks: [[UInt8]]

    /// U+0002 around the block's number: a page never holds it (values refuse control
    /// characters, and a page with one is not lifted at all).
    private static let marks = Marks(delimiter: 2)

    private struct Run {
        let lines: [Range<Int>]
        let isQuote: Bool
    }

    /// Nil when the page has no block to lift. Without `quotes`, only tables are lifted.
    init?(_ markdown: String, quotes: QuoteCache?) {
        var source = markdown
        let (runs, mayQuote) = source.withUTF8 { bytes in
            bytes.index(of: Self.marks.delimiter, from: 0) == nil ? (Self.runs(bytes), !Self.mayDefineReferences(bytes)) : ([], false)
        }
        guard !runs.isEmpty else { return nil }
        let utf8 = markdown.utf8
        let index = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
        var lifted = ""
        lifted.reserveCapacity(utf8.count)
        var blocks: [[UInt8]] = []
        var copied = 0
        for run in runs {
            guard let first = run.lines.first, let last = run.lines.last else { continue }
            let html: [UInt8]?
            if run.isQuote {
                html = mayQuote ? quotes?.html(String(Substring(utf8[index(first.lowerBound)..<index(last.upperBound)]))) : nil
            } else {
                html = Table(run.lines.map { Substring(utf8[index($0.lowerBound)..<index($0.upperBound)]) }[...]).map { table in
                    var html = table.html
                    html.removeLast()  // the NUL cmark would need
                    return html
                }
            }
            guard let html else { continue }
            lifted += Substring(utf8[index(copied)..<index(first.lowerBound)])
            lifted += Self.marks.mark(blocks.count)
            blocks.append(html)
            copied = last.upperBound
        }
        guard !blocks.isEmpty else { return nil }
        lifted += Substring(utf8[index(copied)...])
        self.markdown = lifted
        self.blocks = blocks
    }

    /// Whether the page may hold a link reference definition, which needs `]:` (`[label]: url`).
    private static func mayDefineReferences(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var from = 0
        while let bracket = bytes.index(of: UInt8(ascii: "]"), from: from) {
            if bracket + 1 < bytes.count, bytes[bracket + 1] == UInt8(ascii: ":") { return true }
            from = bracket + 1
        }
        return false
    }

    /// The byte ranges of the lines of each run of `|` lines, or of `>` lines (without their
    /// newlines), that has an empty line, or the start or end of the page, before and after it.
    /// A line is split at "\n" only, as `CommonMark` splits a table's lines; a line holding only
    /// "\r" or spaces, blank to cmark, is not taken as empty, so a block beside one stays in the page.
    private static func runs(_ bytes: UnsafeBufferPointer<UInt8>) -> [Run] {
        var runs: [Run] = []
        var run: [Range<Int>] = []
        var marker: UInt8 = 0
        var emptyBefore = true  // the page's start
        var start = 0
        while true {
            let end = bytes.index(of: 0x0A, from: start) ?? bytes.count
            let first = end > start ? bytes[start] : 0
            if !run.isEmpty, first == marker {
                run.append(start..<end)
            } else {
                // The end of the page after a final newline reads as an empty line here.
                if end == start, !run.isEmpty { runs.append(Run(lines: run, isQuote: marker == UInt8(ascii: ">"))) }
                run = []
                if emptyBefore, first == UInt8(ascii: "|") || first == UInt8(ascii: ">") {
                    run = [start..<end]
                    marker = first
                }
            }
            emptyBefore = end == start
            guard end < bytes.count else { break }
            start = end + 1
        }
        if !run.isEmpty { runs.append(Run(lines: run, isQuote: marker == UInt8(ascii: ">"))) }
        return runs
    }

    /// cmark's HTML of `markdown` with each mark's paragraph (`<p>`, the mark, `</p>` and a
    /// newline) replaced by its block; nil unless every mark stands so, once, in order (a mark
    /// cmark did not render where it was written, or a U+0002 it decoded from an entity, fails).
    func splice(_ html: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var next = 0
        let spliced = Self.marks.spliceParagraphs(html) { number, out in
            guard number == next, number < blocks.count else { return false }
            out += blocks[number]
            next += 1
            return true
        }
        return next == blocks.count ? spliced : nil
    }
}

/// The block quotes of one farm's pages, each converted once (`LiftedBlocks`). Pages are
/// converted on several threads at once: the table is behind a lock, and a quote is converted
/// outside it (two pages that need the same new quote may both convert it, to the same HTML).
final class QuoteCache: Sendable {
    /// A quote's HTML; nil for one that holds a heading, which stays in its page. Kept by the
    /// quote's bytes: two quotes Swift holds equal (`é` written whole or as `e` and a mark, a
    /// backtick and U+1FEF) are different Markdown to cmark.
    private let converted = Locked([ByteKey: [UInt8]?]())

    func html(_ quote: String) -> [UInt8]? {
        let key = ByteKey(bytes: Array(quote.utf8))
        if let known = converted.update({ $0[key] }) { return known }
        let (html, hasHeadings) = CommonMark.pageAsWritten(quote)
        let result = hasHeadings ? nil : html
        converted.update { $0[key] = result }
        return result
    }
}
