import Foundation

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
        var out = "<table>\n<thead>\n<tr>\n"
        for (cell, alignment) in zip(header, alignments) {
            out += "<th\(Self.attribute(alignment))>\(CommonMark.inlineHTML(cell))</th>\n"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>\n"
            for (index, alignment) in alignments.enumerated() {
                let cell = index < row.count ? row[index] : ""
                out += "<td\(Self.attribute(alignment))>\(CommonMark.inlineHTML(cell))</td>\n"
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
        for character in line.trimmingCharacters(in: .whitespaces) {
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
        if cells.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeFirst() }
        if cells.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeLast() }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func alignments(_ cells: [String]) -> [Alignment]? {
        var result: [Alignment] = []
        for cell in cells {
            let dashes = cell.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
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
