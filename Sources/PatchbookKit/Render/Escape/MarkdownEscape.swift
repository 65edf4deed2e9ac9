/// Escapes a value for CommonMark (with GitHub tables and task lists) so that it reads as the
/// text it is: no emphasis, code, link, HTML, entity, table cell or block marker can come from it.
enum MarkdownEscape {
    private static let backslash = UInt8(ascii: "\\"), space = UInt8(ascii: " ")

    /// Works on UTF-8 bytes: every character it escapes is ASCII, and a multi-byte character never
    /// contains an ASCII byte, so the bytes of other characters pass through untouched. Characters
    /// that mean something only beside certain others are escaped only there, so that names such as
    /// `WSS_Content_Intranet` or `CONTOSO\sp_setup` stay readable in the Markdown:
    /// - `_` between two ASCII letters or digits cannot open or close emphasis;
    /// - `\` escapes only ASCII punctuation, so it is escaped before punctuation and at the end;
    /// - `&` starts an entity only before a letter, a digit or `#` (at the end, what follows is unknown);
    /// - `#` opens a heading at the start, and closes one in a trailing run of `#`s and spaces (a
    ///   heading `# Farm #` would lose its last `#`).
    /// Most values need nothing escaped and are returned as they are, without a copy.
    @Sendable static func text(_ value: String) -> String {
        var value = value
        return value.withUTF8 { needsNothing($0) ? nil : escaped($0) } ?? value
    }

    /// A first pass, cheaper than `escaped`, for the bytes values are made of: true only where
    /// `escaped` would change nothing. Any byte it is unsure of sends the value to `escaped`.
    /// Each byte is looked up in `quickPass` (a table, as these are most Markdown values' bytes).
    static func needsNothing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        quickPass.withUnsafeBufferPointer { table in
            let count = bytes.count
            for index in 0..<count {
                switch table[Int(bytes[index])] {
                case .passes:
                    continue
                case .notFirst:
                    if index == 0 { return false }
                case .underscore:
                    guard index > 0, index + 1 < count, bytes[index - 1].isASCIIAlphanumeric, bytes[index + 1].isASCIIAlphanumeric
                    else { return false }
                case .listMarker:
                    // After digits alone, and last or before a space, it would open an ordered list.
                    if index > 0 && (index + 1 == count || bytes[index + 1] == space) && bytes[..<index].allSatisfy(\.isASCIIDigit) {
                        return false
                    }
                case .unsure:
                    return false
                }
            }
            return true
        }
    }

    /// What the quick pass makes of each byte.
    private enum QuickPass {
        /// Letters, digits, bytes of other characters, and punctuation that means nothing in a value.
        case passes
        /// A space, `-`, `+` or `=`: fine but first.
        case notFirst
        case underscore
        /// `.` or `)`.
        case listMarker
        case unsure
    }

    private static let quickPass: [QuickPass] = (0...255).map { (value: Int) -> QuickPass in
        let byte = UInt8(value)
        if byte >= 0x80 || byte.isASCIIAlphanumeric || Array(#"!"$%'(,/:;?@^{}"#.utf8).contains(byte) || byte == 0x09 {
            return .passes
        }
        switch byte {
        case space, UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="): return .notFirst
        case UInt8(ascii: "_"): return .underscore
        case UInt8(ascii: "."), UInt8(ascii: ")"): return .listMarker
        default: return .unsure
        }
    }

    /// The escaped bytes, or nil when they need no escaping.
    static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8]?
        var leadingDigits = true
        let tail = trailingHashesAndSpaces(bytes)
        for (index, byte) in bytes.enumerated() {
            defer { leadingDigits = leadingDigits && byte.isASCIIDigit }
            let substitute: String?
            if byte == 0x0A || byte == 0x0D {
                substitute = " "  // unreachable for validated values (no control characters); never breaks a line
            } else if index == 0 && byte == space {
                substitute = "&#32;"  // a leading space could start an indented code block
            } else {
                substitute = nil
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            let escape =
                substitute == nil
                && needsEscape(
                    byte, at: index, previous: index > 0 ? bytes[index - 1] : nil, next: next,
                    leadingDigits: leadingDigits, inTail: index >= tail)
            guard substitute != nil || escape else {
                out?.append(byte)
                continue
            }
            // The first change: copy what came before it, then go on byte by byte.
            out = out ?? Array(bytes[..<index])
            if let substitute { out?.append(contentsOf: substitute.utf8) } else { out?.append(contentsOf: [backslash, byte]) }
        }
        return out.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Where the value's final run of `#`, spaces and tabs starts (its length when there is none).
    private static func trailingHashesAndSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = bytes.count
        while start > 0, [UInt8(ascii: "#"), space, 0x09].contains(bytes[start - 1]) { start -= 1 }
        return start
    }

    private static func needsEscape(_ byte: UInt8, at index: Int, previous: UInt8?, next: UInt8?, leadingDigits: Bool, inTail: Bool) -> Bool
    {
        switch byte {
        // Always special inline: code, emphasis, links, raw HTML and autolinks, table cells, strikethrough.
        case UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        // Special where a value starts a line or a list item's content.
        case UInt8(ascii: "#"): return index == 0 || inTail
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "="): return index == 0
        case UInt8(ascii: "_"): return previous?.isASCIIAlphanumeric != true || next?.isASCIIAlphanumeric != true
        case UInt8(ascii: "\\"): return next.map(isPunctuation) ?? true
        case UInt8(ascii: "&"): return next.map { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "#") } ?? true
        // "12." or "3)" then a space or the end would be an ordered list item at a line start.
        case UInt8(ascii: "."), UInt8(ascii: ")"): return leadingDigits && index > 0 && (next == nil || next == space)
        default: return false
        }
    }

    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// A code span that shows `value` literally: its fence is one backtick longer than the longest
    /// run of backticks inside, and a space pads a value that starts or ends with one.
    @Sendable static func codeSpan(_ value: String) -> String {
        let breaksLine = value.utf8.contains { $0 == 0x0A || $0 == 0x0D }
        let flat = breaksLine ? String(decoding: value.utf8.map { $0 == 0x0A || $0 == 0x0D ? space : $0 }, as: UTF8.self) : value
        var longest = 0
        var run = 0
        for byte in flat.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
