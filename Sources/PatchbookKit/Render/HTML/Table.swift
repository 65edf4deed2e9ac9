/// A GitHub-style table read from Markdown source lines: a header row, a delimiter row of dashes
/// (with optional `:` for alignment) and body rows. Cells are Markdown inline text.
struct Table {
    enum Alignment { case none, left, center, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    init?(_ lines: ArraySlice<Substring>) {
        let rows = lines.map { Self.cells(String($0)) }
        guard rows.count >= 2, lines.allSatisfy({ $0.hasPrefix("|") }),
            let alignments = Self.alignments(rows[rows.startIndex + 1]), alignments.count == rows[rows.startIndex].count
        else { return nil }
        self.header = rows[rows.startIndex]
        self.alignments = alignments
        self.rows = Array(rows.dropFirst(2))
    }

    var html: String {
        let width = alignments.count
        let cells = header + rows.flatMap { row in (0..<width).map { $0 < row.count ? row[$0] : "" } }
        let rendered = CommonMark.inlineHTML(cells)
        // The box lets a wide table scroll on its own instead of widening the page.
        var out = "<div class=\"table\"><table>\n<thead>\n<tr>\n"
        for (column, alignment) in alignments.enumerated() {
            out += "<th\(Self.attribute(alignment))>\(rendered[column])</th>\n"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in rows.indices {
            out += "<tr>\n"
            for (column, alignment) in alignments.enumerated() {
                out += "<td\(Self.attribute(alignment))>\(rendered[width * (row + 1) + column])</td>\n"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    /// Splits a row on unescaped `|`; a `\|` stays in the cell for cmark to unescape. Works on
    /// UTF-8 bytes: `|`, `\`, space and tab are ASCII, so they never occur inside a longer character.
    static func cells(_ line: String) -> [String] {
        let bytes = Array(line.utf8)
        var cells: [ArraySlice<UInt8>] = []
        var start = 0
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "|") && !escaped {
                cells.append(bytes[start..<offset])
                start = offset + 1
            }
            escaped = byte == UInt8(ascii: "\\") && !escaped
        }
        cells.append(bytes[start...])
        var trimmedCells = cells.map(trimmed)
        // The outer pipes leave an empty first and last cell.
        if trimmedCells.first?.isEmpty == true { trimmedCells.removeFirst() }
        if trimmedCells.last?.isEmpty == true { trimmedCells.removeLast() }
        return trimmedCells.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = cell.firstIndex(where: { !isBlank($0) }), let last = cell.lastIndex(where: { !isBlank($0) }) else { return [] }
        return cell[first...last]
    }

    private static func alignments(_ cells: [String]) -> [Alignment]? {
        var result: [Alignment] = []
        for cell in cells {
            let dashes = cell.drop { $0 == ":" }.reversed().drop { $0 == ":" }
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
            case (true, true): result.append(.center)
            case (true, false): result.append(.left)
            case (false, true): result.append(.right)
            case (false, false): result.append(.none)
            }
        }
        return result
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
