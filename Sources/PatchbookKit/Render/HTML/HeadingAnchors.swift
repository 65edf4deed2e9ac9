import CCmark

/// Every heading of a page gets a stable id and a visible link to itself, so that a ticket or a
/// bridge call can point at one step. As on GitHub, the id is the link's, inside the heading (cmark
/// puts no attribute on a heading), and the ids are GitHub's (lowercased text, punctuation dropped,
/// spaces as `-`, a repeat suffixed `-1`, `-2`, ...), so `server.md#22-read-upgradelog` names the
/// same heading in the Markdown on a wiki and in our HTML.
enum HeadingAnchors {
    /// Appends the link to each heading of `document`; false when it has none.
    @discardableResult
    static func add(to document: OpaquePointer) -> Bool {
        var headings: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_HEADING
                else { continue }
                headings.append(node)
            }
        }
        var seen: [String: Int] = [:]
        for heading in headings {
            let id = unique(slug(text(of: heading)), seen: &seen)
            guard let link = cmark_node_new(CMARK_NODE_HTML_INLINE) else { continue }
            _ = cmark_node_set_literal(link, " <a class=\"anchor\" id=\"\(id)\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a>")
            _ = cmark_node_append_child(heading, link)
        }
        return !headings.isEmpty
    }

    /// GitHub's slug: letters, digits, marks, `-` and `_` kept (lowercased), each space a `-`.
    static func slug(_ text: String) -> String { asciiSlug(text) ?? unicodeSlug(text) }

    static func unicodeSlug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case " ": slug.append("-")
            case "-", "_": slug.unicodeScalars.append(scalar)
            default:
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
                    .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
                    slug.unicodeScalars.append(scalar)
                default: break
                }
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// The same slug, worked out on bytes when the text is ASCII (most headings): a letter or
    /// digit is kept, lowercased, a space becomes `-`, `-` and `_` stay, and the rest is dropped.
    static func asciiSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                bytes.append(byte)
            case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
            default: break
            }
        }
        return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
    }

    /// The first `x` stays `x`; the next are `x-1`, `x-2`, ... skipping ids already taken.
    static func unique(_ slug: String, seen: inout [String: Int]) -> String {
        guard var count = seen[slug] else {
            seen[slug] = 0
            return slug
        }
        var candidate: String
        repeat {
            count += 1
            candidate = "\(slug)-\(count)"
        } while seen[candidate] != nil
        seen[slug] = count
        seen[candidate] = 0
        return candidate
    }

    /// The heading's text as a reader sees it: its text and code, without markup.
    private static func text(of heading: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(heading) else { return text }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }
}
