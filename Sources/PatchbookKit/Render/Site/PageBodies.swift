import Foundation

/// Step bodies stand in a page as a mark (`\u{1}INDEX\u{1}`) while Mustache renders the page,
/// and are spliced in afterwards: long bodies are copied once instead of through Mustache's string
/// building, and a body many pages share is converted to HTML once. No value can hold the mark:
/// control characters are refused on input. One instance serves one farm, on one thread.
final class PageBodies {
    private var parts: [String] = []
    /// Each body through cmark, made once however many pages show it.
    private var htmlParts: [Int: String] = [:]
    /// Bodies holding a heading, which only the whole page's conversion can number.
    private var partsWithHeadings: Set<Int> = []

    /// Marks of bodies that several pages share, by what they are rendered from.
    private var sharedMarks: [[UInt8]: String] = [:]

    /// The mark of the body rendered from `key`, rendering it the first time only.
    func shared(_ key: [UInt8], render: () throws -> String) rethrows -> String {
        if let mark = sharedMarks[key] { return mark }
        let mark = mark(try render())
        sharedMarks[key] = mark
        return mark
    }

    private func mark(_ body: String) -> String {
        parts.append(body)
        return "\u{1}\(parts.count - 1)\u{1}"
    }

    /// The page's Markdown, as the bytes of its file.
    func splice(_ page: String) -> Data {
        // A stray mark cannot occur: values hold no control characters.
        spliced(page) { self.parts[$0] }.map { Data($0) } ?? Data(page.utf8)
    }

    /// The page's HTML from its skeleton's HTML, where each mark stands alone as `<p>MARK</p>`:
    /// every body is a run of whole blocks, so converting it apart gives the same HTML as
    /// converting the whole page, and a body shared by many pages is converted once. Nil when
    /// a mark stands anywhere else, or a body holds a heading (its id must be unique in the whole
    /// page); the caller then converts the whole page.
    func spliceHTML(_ skeleton: String) -> [UInt8]? {
        spliced(skeleton, before: Array("<p>".utf8), after: Array("</p>\n".utf8), body: converted)
    }

    /// `text`'s bytes with each mark, and the `before` and `after` bytes around it, replaced by its
    /// body; nil when a mark lacks those bytes or names no body. Copies the text between marks in
    /// whole runs, and makes no string of the result: it goes to a file as it is.
    private func spliced(_ text: String, before: [UInt8] = [], after: [UInt8] = [], body: (Int) -> String?) -> [UInt8]? {
        var storage = text
        return storage.withUTF8 { bytes -> [UInt8]? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 2)
            var position = 0
            while let open = bytes[position...].firstIndex(of: 1) {
                guard let close = bytes[(open + 1)...].firstIndex(of: 1), let number = Self.number(bytes[(open + 1)..<close]),
                    number < parts.count, open - position >= before.count,
                    bytes[(open - before.count)..<open].elementsEqual(before),
                    bytes[(close + 1)...].starts(with: after), let body = body(number)
                else { return nil }
                out.append(contentsOf: bytes[position..<(open - before.count)])
                out.append(contentsOf: body.utf8)
                position = close + 1 + after.count
            }
            out.append(contentsOf: bytes[position...])
            return out
        }
    }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1) - 48 }
    }

    /// The body's HTML; nil when it holds a heading.
    private func converted(_ number: Int) -> String? {
        if let html = htmlParts[number] { return html }
        guard !partsWithHeadings.contains(number) else { return nil }
        let (html, hasHeadings) = CommonMark.page(parts[number])
        guard !hasHeadings else {
            partsWithHeadings.insert(number)
            return nil
        }
        htmlParts[number] = html
        return html
    }
}
