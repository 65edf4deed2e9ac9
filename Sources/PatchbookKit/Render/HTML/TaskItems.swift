/// Puts `class="task"` on the list items that start with the checkbox `CommonMark` inserts, in
/// cmark's tight (`<li><input`) and loose (`<li>\n<p><input`) forms, in one pass over the bytes.
enum TaskItems {
    /// How the checkbox `CommonMark` puts at the start of a task item begins.
    static let checkbox = #"<input type="checkbox""#
    private static let patterns: [[UInt8]] = [Array(("<li>" + checkbox).utf8), Array(("<li>\n<p>" + checkbox).utf8)]
    private static let marked = Array("<li class=\"task\">".utf8)
    private static let open = Array("<li>".utf8)

    /// Tags are found with memchr, and looked at only where "<li>" starts (a page has thousands
    /// of other tags).
    static func marked(_ html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let (open, patterns, marked) = (open, patterns, marked)  // read once, not per tag
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var copied = 0
        var index = 0
        while let tag = html.index(of: UInt8(ascii: "<"), from: index) {
            index = tag + 1
            // Most tags are not "<li": their second byte tells.
            guard index < html.count, html[index] == UInt8(ascii: "l") else { continue }
            if starts(html, at: tag, with: open), patterns.contains(where: { starts(html, at: tag, with: $0) }) {
                out.append(contentsOf: html[copied..<tag])
                out.append(contentsOf: marked)
                copied = tag + open.count
            }
        }
        out.append(contentsOf: html[copied...])
        return out
    }

    private static func starts(_ html: UnsafeBufferPointer<UInt8>, at index: Int, with pattern: [UInt8]) -> Bool {
        guard index + pattern.count <= html.count else { return false }
        for offset in pattern.indices where html[index + offset] != pattern[offset] { return false }
        return true
    }
}
