/// A GitHub-style table read from Markdown source lines: a header row, a delimiter row of dashes
/// (with optional `:` for alignment) and body rows. Cells are Markdown inline text.
struct Table {
    enum Alignment { case none, left, center, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    init?(_ lines: ArraySlice<Substring>) {
        let rows = lines.map(Self.cells)
        // `first` is `hasPrefix("|")` (a `|` is a character of its own), without a generic search.
        guard rows.count >= 2, lines.allSatisfy({ $0.first == "|" }),
            let alignments = Self.alignments(rows[rows.startIndex + 1]), alignments.count == rows[rows.startIndex].count
        else { return nil }
        self.header = rows[rows.startIndex]
        self.alignments = alignments
        self.rows = Array(rows.dropFirst(2))
    }

    /// The table's HTML as bytes, with a NUL after them for cmark: built byte by byte rather
    /// than through interpolated strings, as a page may hold hundreds of rows.
    var html: [UInt8] {
        let width = alignments.count
        let cells = header + rows.flatMap { row in (0..<width).map { $0 < row.count ? row[$0] : "" } }
        let rendered = CommonMark.inlineHTML(cells)
        var out: [UInt8] = []
        out.reserveCapacity(rendered.reduce(256) { $0 + $1.utf8.count + 16 })
        // The box lets a wide table scroll on its own instead of widening the page.
        out += #"<div class="table"><table>"#.utf8
        out += "\n<thead>\n<tr>\n".utf8
        // Each column's opening tags, made once for the table.
        let headOpen = alignments.map { Array("<th\(Self.attribute($0))>".utf8) }
        let bodyOpen = alignments.map { Array("<td\(Self.attribute($0))>".utf8) }
        for column in 0..<width { Self.cell(headOpen[column], rendered[column], Self.headClose, into: &out) }
        out += "</tr>\n</thead>\n<tbody>\n".utf8
        for row in rows.indices {
            out += "<tr>\n".utf8
            for column in 0..<width { Self.cell(bodyOpen[column], rendered[width * (row + 1) + column], Self.bodyClose, into: &out) }
            out += "</tr>\n".utf8
        }
        out += "</tbody>\n</table></div>\n".utf8
        out.append(0)
        return out
    }

    private static let headClose = Array("</th>\n".utf8), bodyClose = Array("</td>\n".utf8)

    private static func cell(_ open: [UInt8], _ html: String, _ close: [UInt8], into out: inout [UInt8]) {
        out += open
        var html = html
        html.withUTF8 { out += $0 }
        out += close
    }

    /// Splits a row on unescaped `|`; a `\|` stays in the cell for cmark to unescape. Works on
    /// UTF-8 bytes: `|`, `\`, space and tab are ASCII, so they never occur inside a longer character.
    static func cells(_ line: Substring) -> [String] {
        var line = line
        return line.withUTF8 { bytes in
            var cells: [String] = []
            var start = 0
            var escaped = false
            for offset in 0...bytes.count {
                if offset == bytes.count || (bytes[offset] == UInt8(ascii: "|") && !escaped) {
                    cells.append(trimmed(bytes, start..<offset))
                    start = offset + 1
                } else {
                    escaped = bytes[offset] == UInt8(ascii: "\\") && !escaped
                }
            }
            // The outer pipes leave an empty first and last cell.
            if cells.last?.isEmpty == true { cells.removeLast() }
            if cells.first?.isEmpty == true { cells.removeFirst() }
            return cells
        }
    }

    /// The cell at `range` without the spaces and tabs around it.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
    }

    private static func alignments(_ cells: [String]) -> [Alignment]? {
        var result: [Alignment] = []
        for cell in cells {
            var cell = cell
            guard let alignment = cell.withUTF8(alignment) else { return nil }
            result.append(alignment)
        }
        return result
    }

    /// A delimiter cell: dashes, with a `:` at either end or both. Read as bytes: a character
    /// that is not ASCII (a combining mark after a dash, say) has bytes that are neither.
    private static func alignment(_ cell: UnsafeBufferPointer<UInt8>) -> Alignment? {
        let colon = UInt8(ascii: ":")
        var start = 0, end = cell.count
        while start < end, cell[start] == colon { start += 1 }
        while end > start, cell[end - 1] == colon { end -= 1 }
        guard start < end, cell[start..<end].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
        switch (cell.first == colon, cell.last == colon) {
        case (true, true): return .center
        case (true, false): return .left
        case (false, true): return .right
        case (false, false): return Alignment.none  // not Optional.none
        }
    }

    private static func attribute(_ alignment: Alignment) -> String {
        switch alignment {
        case .none: return ""
        case .left: return #" class="left""#
        case .center: return #" class="center""#
        case .right: return #" class="right""#
        }
    }
}
