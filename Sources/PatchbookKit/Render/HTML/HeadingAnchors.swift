import CCmark
import Foundation

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
        seen.reserveCapacity(headings.count)  // a repeat adds a second id: rare, and then it grows once
        for heading in headings {
            let id = unique(slug(text(of: heading)), seen: &seen)
            guard let link = cmark_node_new(CMARK_NODE_HTML_INLINE) else { continue }
            // The link's HTML as the C string cmark takes, made without interpolating strings.
            var html: [UInt8] = []
            html.reserveCapacity(linkStart.count + linkMiddle.count + linkEnd.count + 2 * id.utf8.count)
            html += linkStart
            html += id.utf8
            html += linkMiddle
            html += id.utf8
            html += linkEnd
            CommonMark.setLiteral(of: link, to: html)
            _ = cmark_node_append_child(heading, link)
        }
        return !headings.isEmpty
    }

    private static let linkStart = Array(#" <a class="anchor" id=""#.utf8)
    private static let linkMiddle = Array(##"" href="#"##.utf8)
    private static let linkEnd = Array(##"" aria-label="Link to this section">#</a>"##.utf8) + [0]

    /// GitHub's slug: letters, digits, marks, `-` and `_` kept (lowercased), each space a `-`.
    static func slug(_ text: String) -> String { asciiSlug(text) ?? unicodeSlug(text) }

    /// The slug of a heading's text as its UTF-8 bytes.
    private static func slug(_ text: [UInt8]) -> String {
        text.withUnsafeBufferPointer { asciiSlug($0) } ?? unicodeSlug(String(decoding: text, as: UTF8.self))
    }

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
        var text = text
        return text.withUTF8(asciiSlug)
    }

    /// Written straight into the new string's storage, a byte per byte kept.
    private static func asciiSlug(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
        let slug = String(unsafeUninitializedCapacity: text.count) { buffer in
            var count = 0
            for byte in text {
                let kept: UInt8
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept = byte + 0x20
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    kept = byte
                case UInt8(ascii: " "): kept = UInt8(ascii: "-")
                default: continue
                }
                buffer[count] = kept
                count += 1
            }
            return count
        }
        return slug.isEmpty ? "section" : slug
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
    private static func text(of heading: OpaquePointer) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        guard let iterator = cmark_iter_new(heading) else { return text }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(node) else { continue }
                text += UnsafeRawBufferPointer(start: literal, count: strlen(literal))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text.append(UInt8(ascii: " "))
            default: break
            }
        }
        return text
    }
}
