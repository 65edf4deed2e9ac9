import Foundation

/// Step bodies stand in a page as a mark (`\u{1}INDEX\u{1}`) while Mustache renders the page,
/// and are spliced in afterwards: long bodies are copied once instead of through Mustache's string
/// building, and a body many pages share is converted to HTML once. No value can hold the mark:
/// control characters are refused on input. One instance serves one farm, whose pages may be
/// rendered on several threads at once: its tables are behind a lock, and bodies are rendered and
/// converted outside it (two pages that need the same new body may both render it; the first
/// kept is the one every page uses).
final class PageBodies: Sendable {
    private struct Tables {
        var parts: [String] = []
        /// Each body through cmark, made once however many pages show it; nil for a body holding
        /// a heading, which only the whole page's conversion can number.
        var html: [Int: [UInt8]?] = [:]
        /// Marks of bodies that several pages share, by what they are rendered from.
        var marks: [ByteKey: String] = [:]
    }

    private let tables = Locked(Tables())
    private static let marks = Marks(delimiter: 1)
    /// The block quotes of the farm's pages, bodies and skeletons alike, converted once each.
    let quotes = QuoteCache()

    /// The mark of the body rendered from `key`, rendering it the first time only.
    func shared(_ bytes: [UInt8], render: () throws -> String) rethrows -> String {
        let key = ByteKey(bytes: bytes)
        if let mark = tables.update({ $0.marks[key] }) { return mark }
        let body = try render()
        return tables.update { tables in
            if let mark = tables.marks[key] { return mark }
            tables.parts.append(body)
            let mark = Self.marks.mark(tables.parts.count - 1)
            tables.marks[key] = mark
            return mark
        }
    }

    /// The page's Markdown, as the bytes of its file.
    func splice(_ page: String) -> Data {
        let parts = tables.update { $0.parts }
        var page = page
        // A stray mark cannot occur: values hold no control characters.
        return page.withUTF8 { bytes in
            Self.marks.splice(bytes) { number, out in
                guard number < parts.count else { return false }
                out += parts[number].utf8
                return true
            }.map { Data($0) } ?? Data(bytes)
        }
    }

    /// The page's HTML from its skeleton's HTML, where each mark stands alone as `<p>MARK</p>`:
    /// every body is a run of whole blocks, so converting it apart gives the same HTML as
    /// converting the whole page, and a body shared by many pages is converted once. Nil when
    /// a mark stands anywhere else, or a body holds a heading (its id must be unique in the whole
    /// page); the caller then converts the whole page.
    func spliceHTML(_ skeleton: [UInt8]) -> [UInt8]? {
        let parts = tables.update { $0.parts }
        return skeleton.withUnsafeBufferPointer { bytes in
            Self.marks.spliceParagraphs(bytes) { number, out in
                guard number < parts.count, let html = converted(number, parts) else { return false }
                out += html
                return true
            }
        }
    }

    /// The body's HTML; nil when it holds a heading.
    private func converted(_ number: Int, _ parts: [String]) -> [UInt8]? {
        if let known = tables.update({ $0.html[number] }) { return known }
        let (html, hasHeadings) = CommonMark.page(parts[number], quotes: quotes)
        let result = hasHeadings ? nil : html
        tables.update { $0.html[number] = result }
        return result
    }
}
