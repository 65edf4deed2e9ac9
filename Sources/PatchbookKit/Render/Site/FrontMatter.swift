import Foundation

/// The YAML front matter `build --front-matter` puts at the top of each Markdown page, for static
/// site generators: `title` (the HTML page's <title>), and the page's place in the site's order
/// as `weight` (Hugo) and `nav_order` (Jekyll's just-the-docs theme). MkDocs reads `title`.
enum FrontMatter {
    /// The block, closed by `---` and a blank line, to go before the page's Markdown.
    static func block(title: String, order: Int) -> Data {
        Data("---\ntitle: \(quoted(title))\nweight: \(order)\nnav_order: \(order)\n---\n\n".utf8)
    }

    /// `text` as a YAML double-quoted scalar, which every YAML 1.1 and 1.2 parser reads back as
    /// the same string: `"` and `\` escaped, and every character a parser may refuse or change
    /// (control characters, DEL and the C1 range, the line and paragraph separators, the byte
    /// order mark) written as `\u` escapes. Everything else, `:` `#` `'` and non-ASCII letters
    /// included, stands as it is inside the quotes.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || [0x2028, 0x2029, 0xFEFF].contains(scalar.value):
                result +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16, uppercase: true)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
