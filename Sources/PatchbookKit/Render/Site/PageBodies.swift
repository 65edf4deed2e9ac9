/// Step bodies stand in a page as a mark (`\u{1}INDEX\u{1}`) while Mustache renders the page,
/// and are spliced in afterwards: long bodies are copied once instead of through Mustache's string
/// building, and a body many pages share is converted to HTML once. No value can hold the mark:
/// control characters are refused on input. One instance serves one farm, on one thread.
final class PageBodies {
    private var parts: [String] = []
    /// Each body through cmark, made once however many pages show it.
    private var htmlParts: [Int: String] = [:]

    /// Marks of bodies that read the same on every page of the farm, by rule.
    private var sharedMarks: [String: String] = [:]

    /// The mark of a body every page shares, rendering it the first time only.
    func shared(_ rule: String, render: () -> String) -> String {
        if let mark = sharedMarks[rule] { return mark }
        let mark = mark(render())
        sharedMarks[rule] = mark
        return mark
    }

    func mark(_ body: String) -> String {
        parts.append(body)
        return "\u{1}\(parts.count - 1)\u{1}"
    }

    func splice(_ page: String) -> String {
        guard page.utf8.contains(1) else { return page }
        var out: [UInt8] = []
        out.reserveCapacity(page.utf8.count * 2)
        var index: Int?
        for byte in page.utf8 {
            if byte == 1 {
                if let number = index, number < parts.count {
                    out.append(contentsOf: parts[number].utf8)
                    index = nil
                } else {
                    index = 0
                }
            } else if let number = index {
                index = number * 10 + Int(byte) - 48
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The page's HTML from its skeleton's HTML, where each mark stands alone as `<p>MARK</p>`:
    /// every body is a run of whole blocks, so converting it apart gives the same HTML as
    /// converting the whole page, and a body shared by many pages is converted once. Nil when
    /// a mark stands anywhere else; the caller then converts the whole page.
    func spliceHTML(_ skeleton: String) -> String? {
        let open = Array("<p>\u{1}".utf8), close = Array("\u{1}</p>\n".utf8)
        let bytes = Array(skeleton.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index...].starts(with: open) {
                var end = index + open.count
                var number = 0
                while end < bytes.count, bytes[end] >= 48, bytes[end] <= 57 { number = number * 10 + Int(bytes[end]) - 48; end += 1 }
                guard end > index + open.count, bytes[end...].starts(with: close), number < parts.count else { return nil }
                out.append(contentsOf: converted(number).utf8)
                index = end + close.count
            } else if bytes[index] == 1 {
                return nil
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func converted(_ number: Int) -> String {
        if let html = htmlParts[number] { return html }
        let html = CommonMark.html(parts[number])
        htmlParts[number] = html
        return html
    }
}
