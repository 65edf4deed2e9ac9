/// Tables taken out of a page's Markdown before cmark reads it. To cmark a table's rows are a
/// paragraph of text, parsed inline only for `CommonMark` to throw the result away and build the
/// table from the source lines; on a page listing 200 databases that is most of cmark's work.
/// A run of `|` lines that starts at the margin, with an empty line or the page's edge on both
/// sides, can only be a top-level paragraph (no container continues at the margin after an empty
/// line) unless a fenced code block or raw HTML holds it: it becomes a mark, a paragraph of its
/// own, and its table's HTML takes the place of that paragraph in cmark's output. Where cmark
/// did not render a mark as that paragraph, `splice` gives nil and the page is converted as
/// written, so the HTML is the same either way.
struct LiftedTables {
    /// The Markdown with each lifted table replaced by its mark.
    let markdown: String
    /// Each table's HTML, by the number in its mark.
    private let tables: [[UInt8]]

    /// U+0002 around the table's number: a page never holds it (values refuse control
    /// characters, and a page with one is not lifted at all).
    private static let delimiter: UInt8 = 2

    /// Nil when the page has no table to lift.
    init?(_ markdown: String) {
        var source = markdown
        let runs = source.withUTF8 { bytes in bytes.index(of: Self.delimiter, from: 0) == nil ? Self.runs(bytes) : [] }
        guard !runs.isEmpty else { return nil }
        let utf8 = markdown.utf8
        let index = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
        var lifted = ""
        lifted.reserveCapacity(utf8.count)
        var tables: [[UInt8]] = []
        var copied = 0
        for run in runs {
            let lines = run.map { Substring(utf8[index($0.lowerBound)..<index($0.upperBound)]) }
            guard let first = run.first, let last = run.last, let table = Table(lines[...]) else { continue }
            lifted += Substring(utf8[index(copied)..<index(first.lowerBound)])
            lifted += "\u{2}\(tables.count)\u{2}"
            var html = table.html
            html.removeLast()  // the NUL cmark would need
            tables.append(html)
            copied = last.upperBound
        }
        guard !tables.isEmpty else { return nil }
        lifted += Substring(utf8[index(copied)...])
        self.markdown = lifted
        self.tables = tables
    }

    /// The byte ranges of the lines of each run of `|` lines (without their newlines) that has an
    /// empty line, or the start or end of the page, before and after it. A line is split at "\n"
    /// only, as `CommonMark` splits a table's lines; a line holding only "\r" or spaces, blank to
    /// cmark, is not taken as empty, so a table beside one stays in the page.
    private static func runs(_ bytes: UnsafeBufferPointer<UInt8>) -> [[Range<Int>]] {
        var runs: [[Range<Int>]] = []
        var run: [Range<Int>] = []
        var emptyBefore = true  // the page's start
        var start = 0
        while true {
            let end = bytes.index(of: 0x0A, from: start) ?? bytes.count
            if end > start, bytes[start] == UInt8(ascii: "|"), emptyBefore || !run.isEmpty {
                run.append(start..<end)
            } else {
                // The end of the page after a final newline reads as an empty line here.
                if end == start, !run.isEmpty { runs.append(run) }
                run = []
            }
            emptyBefore = end == start
            guard end < bytes.count else { break }
            start = end + 1
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }

    /// cmark's HTML of `markdown` with each mark's paragraph (`<p>`, the mark, `</p>` and a
    /// newline) replaced by its table; nil unless every mark stands so, once, in order.
    func splice(_ html: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let before = Array("<p>".utf8), after = Array("</p>\n".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(html.count + tables.reduce(0) { $0 + $1.count })
        var copied = 0
        for (number, table) in tables.enumerated() {
            let mark = [Self.delimiter] + Array(String(number).utf8) + [Self.delimiter]
            guard let open = html.index(of: Self.delimiter, from: copied), open - copied >= before.count,
                html[(open - before.count)..<open].elementsEqual(before),
                html[open...].starts(with: mark + after)
            else { return nil }
            out.append(contentsOf: html[copied..<(open - before.count)])
            out.append(contentsOf: table)
            copied = open + mark.count + after.count
        }
        // A mark cmark did not render where it was written, or a U+0002 it decoded from an entity.
        guard html.index(of: Self.delimiter, from: copied) == nil else { return nil }
        out.append(contentsOf: html[copied...])
        return out
    }
}
