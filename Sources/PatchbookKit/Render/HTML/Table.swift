/// A GitHub-style table read from Markdown source lines: a header row, a delimiter row of dashes
/// (with optional `:` for alignment) and body rows. Cells are Markdown inline text.
struct Table {
    enum Alignment { case none, left, center, right }

    let alignments: [Alignment]
    /// The rows' bytes, one after another; a cell is a range of them, made a string only where
    /// cmark or plain text must read it (a page may list hundreds of rows).
    private let text: [UInt8]
    /// Each row's cells, the header's first (the delimiter row is `alignments`); row `n` is
    /// `cells[rowStarts[n]..<rowStarts[n + 1]]`.
    private let cells: [Range<Int>]
    private let rowStarts: [Int]

    init?(_ lines: ArraySlice<Substring>) {
        // `first` is `hasPrefix("|")` (a `|` is a character of its own), without a generic search.
        guard lines.count >= 2, lines.allSatisfy({ $0.first == "|" }) else { return nil }
        var text: [UInt8] = [], cells: [Range<Int>] = [], rowStarts = [0]
        var alignments: [Alignment]? = []
        for (number, line) in lines.enumerated() {
            var line = line
            line.withUTF8 { bytes in
                let row = Self.cells(bytes)
                if number == 1 {
                    alignments = Self.alignments(row.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
                    return
                }
                for cell in row { cells.append((cell.lowerBound + text.count)..<(cell.upperBound + text.count)) }
                rowStarts.append(cells.count)
                text += bytes
            }
        }
        guard let alignments, alignments.count == rowStarts[1] else { return nil }
        self.alignments = alignments
        self.text = text
        self.cells = cells
        self.rowStarts = rowStarts
    }

    var header: [String] { strings(row: 0) }
    var rows: [[String]] { (1..<(rowStarts.count - 1)).map(strings) }

    private func strings(row: Int) -> [String] {
        cells[rowStarts[row]..<rowStarts[row + 1]].map { String(decoding: text[$0], as: UTF8.self) }
    }

    /// The table's HTML as bytes, with a NUL after them for cmark: built byte by byte rather
    /// than through interpolated strings. A row is cut or filled with empty cells to the
    /// header's width. Most cells are plain words and numbers that cmark would give back
    /// unchanged (`CommonMark.rendersAsItself`) and are copied as they are; the others go
    /// through cmark together.
    var html: [UInt8] {
        let width = alignments.count
        return text.withUnsafeBufferPointer { text in
            // The cell at each place of the grid, header first; nil where a row is short.
            var grid: [Range<Int>?] = []
            grid.reserveCapacity((rowStarts.count - 1) * width)
            for row in 0..<(rowStarts.count - 1) {
                let start = rowStarts[row], end = rowStarts[row + 1]
                for column in 0..<width { grid.append(start + column < end ? cells[start + column] : nil) }
            }
            let viaCmark = grid.map { cell in
                cell.map { !$0.isEmpty && !CommonMark.rendersAsItself(UnsafeBufferPointer(rebasing: text[$0])) } ?? false
            }
            var converted = CommonMark.inlineThroughCmark(
                zip(grid, viaCmark).compactMap { cell, via in via ? cell.map { String(decoding: text[$0], as: UTF8.self) } : nil }
            ).makeIterator()
            var out: [UInt8] = []
            out.reserveCapacity(text.count * 2 + 256)
            let add = { (place: Int, open: [UInt8], close: [UInt8], out: inout [UInt8]) in
                out += open
                if viaCmark[place] {
                    var html = converted.next() ?? ""
                    html.withUTF8 { out += $0 }
                } else if let cell = grid[place] {
                    out += text[cell]
                }
                out += close
            }
            // The box lets a wide table scroll on its own instead of widening the page.
            out += #"<div class="table"><table>"#.utf8
            out += "\n<thead>\n<tr>\n".utf8
            // Each column's opening tags, made once for the table.
            let headOpen = alignments.map { Array("<th\(Self.attribute($0))>".utf8) }
            let bodyOpen = alignments.map { Array("<td\(Self.attribute($0))>".utf8) }
            for column in 0..<width { add(column, headOpen[column], Self.headClose, &out) }
            out += "</tr>\n</thead>\n<tbody>\n".utf8
            for row in 1..<(rowStarts.count - 1) {
                out += "<tr>\n".utf8
                for column in 0..<width { add(row * width + column, bodyOpen[column], Self.bodyClose, &out) }
                out += "</tr>\n".utf8
            }
            out += "</tbody>\n</table></div>\n".utf8
            out.append(0)
            return out
        }
    }

    private static let headClose = Array("</th>\n".utf8), bodyClose = Array("</td>\n".utf8)

    /// The ranges of a row's cells, split on unescaped `|` (a `\|` stays in the cell for cmark to
    /// unescape) and without the spaces and tabs around them. `|`, `\`, space and tab are
    /// ASCII, so they never occur inside a longer character.
    static func cells(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        cells.reserveCapacity(8)  // most rows: up to six cells and the two outside the outer pipes
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

    /// `range` without the spaces and tabs around it.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func alignments(_ cells: [UnsafeBufferPointer<UInt8>]) -> [Alignment]? {
        var result: [Alignment] = []
        for cell in cells {
            guard let alignment = alignment(cell) else { return nil }
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
