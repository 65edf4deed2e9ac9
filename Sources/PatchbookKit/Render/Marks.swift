/// Marks that stand for a piece of a page while something else handles the page, and are
/// replaced by the piece afterwards: a number between two copies of a control character that no
/// page otherwise holds (values refuse control characters). `PageBodies` marks step bodies with
/// U+0001 while Mustache renders a page; `LiftedBlocks` marks tables and quotes with U+0002
/// while cmark converts it.
struct Marks {
    let delimiter: UInt8

    /// The mark of piece `number`.
    func mark(_ number: Int) -> String {
        let character = String(UnicodeScalar(delimiter))
        return character + String(number) + character
    }

    /// `bytes` with each mark, and the `before` and `after` bytes around it, replaced by its piece
    /// (which `append` adds, or returns false for a number it has no piece for); nil when a mark
    /// lacks those bytes, a delimiter stands alone, or `append` refuses. Copies the bytes between
    /// marks in whole runs (a page is mostly those), found with memchr.
    func splice(
        _ bytes: UnsafeBufferPointer<UInt8>, before: [UInt8] = [], after: [UInt8] = [], append: (Int, inout [UInt8]) -> Bool
    ) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var position = 0
        while let open = bytes.index(of: delimiter, from: position) {
            guard let close = bytes.index(of: delimiter, from: open + 1), let number = Self.number(bytes[(open + 1)..<close]),
                open - position >= before.count, bytes[(open - before.count)..<open].elementsEqual(before),
                bytes[(close + 1)...].starts(with: after)
            else { return nil }
            out.append(contentsOf: bytes[position..<(open - before.count)])
            guard append(number, &out) else { return nil }
            position = close + 1 + after.count
        }
        out.append(contentsOf: bytes[position...])
        return out
    }

    /// `splice` of cmark's HTML where each mark stood alone in the Markdown, so that cmark
    /// rendered it as a paragraph of its own (`CommonMark.paragraphStart`, the mark,
    /// `CommonMark.paragraphEnd`): the mark's piece takes that paragraph's place.
    func spliceParagraphs(_ html: UnsafeBufferPointer<UInt8>, append: (Int, inout [UInt8]) -> Bool) -> [UInt8]? {
        splice(html, before: CommonMark.paragraphStart, after: CommonMark.paragraphEnd, append: append)
    }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1) - 48 }
    }
}
