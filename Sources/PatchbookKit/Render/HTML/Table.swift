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
              let alignments = Self.alignments(rows[rows.startIndex + 1]), alignments.count == rows[rows.startIndex].count else { return nil }
        self.header = rows[rows.startIndex]
        self.alignments = alignments
        self.rows = Array(rows.dropFirst(2))
    }

    var html: String {
        let width = alignments.count
        let cells = header + rows.flatMap { row in (0..<width).map { $0 < row.count ? row[$0] : "" } }
        let rendered = CommonMark.inlineHTML(cells)
        var out = "<table>\n<thead>\n<tr>\n"
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
        return out + "</tbody>\n</table>\n"
    }

    /// Splits a row on unescaped `|`; a `\|` stays in the cell for cmark to unescape.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in trimmed(line) {
            if character == "|" && !escaped {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        cells.append(cell)
        // The outer pipes leave an empty first and last cell.
        if cells.first.map(trimmed)?.isEmpty == true { cells.removeFirst() }
        if cells.last.map(trimmed)?.isEmpty == true { cells.removeLast() }
        return cells.map { String(trimmed($0)) }
    }

    private static func trimmed<S: StringProtocol>(_ text: S) -> S.SubSequence {
        let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
        let end = text.lastIndex { $0 != " " && $0 != "\t" }.map(text.index(after:)) ?? start
        return text[start..<max(start, end)]
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
