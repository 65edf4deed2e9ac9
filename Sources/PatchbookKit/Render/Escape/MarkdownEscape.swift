/// Escapes a value for CommonMark (with GitHub tables and task lists) so that it reads as the
/// text it is: no emphasis, code, link, HTML, entity, table cell or block marker can come from it.
enum MarkdownEscape {
    /// Always special inline: escapes, code, emphasis, links, raw HTML and autolinks, entities,
    /// table cells, strikethrough.
    private static let inline: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~"]
    /// Special where a value starts a line or a list item's content.
    private static let leading: Set<Character> = ["#", "+", "-", "=", ">"]

    @Sendable static func text(_ value: String) -> String {
        let characters = Array(value)
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        var leadingDigits = true
        for (index, character) in characters.enumerated() {
            let atStart = index == 0
            if character.isNewline {
                out += " "  // unreachable for validated values (no control characters); never breaks a line
                continue
            }
            if atStart && character == " " {
                out += "&#32;"  // a leading space could start an indented code block
                continue
            }
            // "12." or "3)" then a space or the end would be an ordered list item at a line start.
            let listMarker = leadingDigits && !atStart && (character == "." || character == ")")
                && (index + 1 == characters.count || characters[index + 1] == " ")
            if inline.contains(character) || (atStart && leading.contains(character)) || listMarker {
                out += "\\"
            }
            out.append(character)
            leadingDigits = leadingDigits && character.isASCII && character.isNumber
        }
        return out
    }

    /// A code span that shows `value` literally: its fence is one backtick longer than the longest
    /// run of backticks inside, and a space pads a value that starts or ends with one.
    @Sendable static func codeSpan(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
