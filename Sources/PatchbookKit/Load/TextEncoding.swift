import Foundation

/// What a file that is not UTF-8 most likely is, so that the message can say how to fix it.
enum TextEncoding {
    /// "UTF-16" or "UTF-32" when the bytes are text in one of those (by its byte-order mark, or
    /// by NUL bytes in every other place, as ASCII text in UTF-16 has them).
    static func wide(_ data: Data) -> String? {
        let head = Array(data.prefix(64))
        if head.starts(with: [0xFF, 0xFE, 0, 0]) || head.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32" }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        guard head.count >= 4, head.count % 2 == 0 else { return nil }
        let even = stride(from: 0, to: head.count, by: 2).map { head[$0] }
        let odd = stride(from: 1, to: head.count, by: 2).map { head[$0] }
        let littleEndian = odd.allSatisfy { $0 == 0 } && even.allSatisfy { $0 != 0 }
        let bigEndian = even.allSatisfy { $0 == 0 } && odd.allSatisfy { $0 != 0 }
        return littleEndian || bigEndian ? "UTF-16" : nil
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence, or nil.
    /// Reads the bytes in place (iterating `Data` checks exclusive access at every byte) and
    /// starts decoding at the first byte that is not ASCII, where most files have none.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { bytes in
            guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return nil }
            return firstInvalidUTF8(bytes[first...]).map { first + $0 }
        }
    }

    private static func firstInvalidUTF8(_ bytes: Slice<UnsafeRawBufferPointer>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}

/// How deeply flow collections (`[`, `{`) nest, as YAML reads them: the tree is built by
/// recursion, so nesting is bounded before parsing. A bracket counts unless it is inside a quoted
/// value or, outside any collection, inside a plain one, so that a name such as `Contoso [[[` or
/// `"[[["` does not count. A quote opens a value only where YAML reads it so: where a value starts
/// (a line's start, after `- `, `? `, `: `, `[`, `{`, `,`, an anchor or a tag). Where unsure, it
/// counts: counting too much refuses an odd file, counting too little could let the parser
/// recurse too deep. A quoted value is skipped only to the end of its line, so that a line that
/// only looks quoted (inside a multi-line value) cannot hide the next one.
enum Nesting {
    static func firstTooDeep(_ text: String, maximum: Int) -> (line: Int, column: Int)? {
        var scanner = Scanner()
        var text = text
        // By bytes, in place (walking `utf8` took half as long again): the scanner tells only
        // ASCII characters apart, so each other character is read as U+0080, from its first
        // byte (the text is valid UTF-8).
        let tooDeep = text.withUTF8 { bytes -> (line: Int, column: Int)? in
            for byte in bytes where byte & 0xC0 != 0x80 {
                scanner.read(byte < 0x80 ? Unicode.Scalar(byte) : "\u{80}")
                if scanner.depth > maximum { return (scanner.line, scanner.column) }
            }
            return nil
        }
        return tooDeep ?? indentationTooDeep(text, maximum: maximum)
    }

    private struct Scanner {
        enum Mode: Equatable { case valueStart, plain, quoted(Unicode.Scalar), escape, property, comment }
        var depth = 0, line = 1, column = 0
        var mode = Mode.valueStart
        /// A `:`, `?` or `-` waiting for the blank that makes it an indicator.
        var pendingIndicator = false
        var afterBlank = true

        mutating func read(_ c: Unicode.Scalar) {
            if c == "\n" { return newLine() }
            column += 1
            let blank = c == " " || c == "\t"
            defer { afterBlank = blank }
            if pendingIndicator {
                pendingIndicator = false
                if blank { mode = .valueStart; return }
            }
            switch mode {
            case .comment: return
            case .escape: mode = .quoted("\"")
            case .quoted(let quote):
                if c == "\\" && quote == "\"" { mode = .escape } else if c == quote { mode = .plain }
            case .property:
                if blank { mode = .valueStart } else { indicator(c, opens: true) }
            case .plain:
                if c == "#" && afterBlank {
                    mode = .comment
                } else if c == ":" {
                    pendingIndicator = true
                } else {
                    indicator(c, opens: false)
                }
            case .valueStart:
                valueStart(c, blank: blank)
            }
        }

        /// A line break ends comments and (conservatively) quotes; outside a collection the next
        /// line starts a value, inside one it does only if the line before ended at one.
        private mutating func newLine() {
            line += 1; column = 0; afterBlank = true; pendingIndicator = false
            if depth == 0 {
                mode = .valueStart
            } else if mode != .valueStart {
                mode = .plain
            }
        }

        private mutating func valueStart(_ c: Unicode.Scalar, blank: Bool) {
            switch c {
            case _ where blank: return
            case "'", "\"": mode = .quoted(c)
            case "#": mode = .comment
            case "&", "!", "*": mode = .property
            case "-", "?", ":": mode = .plain; pendingIndicator = true
            case "[", "{", "]", "}", ",": mode = .plain; indicator(c, opens: true)
            default: mode = .plain
            }
        }

        /// Flow indicators. Inside a collection each one moves the depth or starts a value;
        /// outside, only a bracket where a value starts (`opens`) opens one: elsewhere it is part
        /// of a plain value.
        private mutating func indicator(_ c: Unicode.Scalar, opens: Bool) {
            switch c {
            case "[", "{": if depth > 0 || opens { depth += 1; mode = .valueStart }
            case "]", "}": if depth > 0 { depth -= 1; mode = .plain }
            case ",": if depth > 0 { mode = .valueStart }
            default: break
            }
        }
    }

    /// Block nesting: libyaml recurses once per indentation level too. Reads bytes (space, `-` and
    /// the line feed are ASCII): splitting the text into lines of characters was a tenth of
    /// reading a farm, and kept a CR LF file as one line.
    private static func indentationTooDeep(_ text: String, maximum: Int) -> (line: Int, column: Int)? {
        var line = 1, indent = 0, inIndentation = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                (line, indent, inIndentation) = (line + 1, 0, true)
            } else if inIndentation && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")) {
                indent += 1
                if indent > maximum * 2 { return (line, 1) }
            } else {
                inIndentation = false
            }
        }
        return nil
    }
}
