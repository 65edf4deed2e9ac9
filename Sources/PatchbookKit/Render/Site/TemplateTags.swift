import Foundation

/// The tags of a Mustache template, read as swift-mustache reads them (delimiters set with
/// `{{=<% %>=}}`, `{{{ }}}`, comments): the one scan of template text, for what a template reads
/// (step-prose sharing, the tests of template names) and for how deep rendering goes.
/// swift-mustache parses and renders by recursion and checks neither cycles nor depth, so a
/// template that includes itself, or nests thousands of sections, would overflow the stack; this
/// scan runs first, on the text, and finds them.
struct TemplateTags {
    /// One tag: its sigil (`#`, `^`, `/`, `>`, `&`, `{`, or none) and the name or path it names.
    struct Tag {
        let sigil: Character?
        let name: String
        let offset: Int
    }

    struct Include {
        let name: String
        /// `{{>*name}}`: the partial named by a value.
        let dynamic: Bool
        /// Sections open around the tag, itself counted for `{{<parent}}`.
        let depth: Int
        let offset: Int
    }

    /// Every tag that names a value, section or partial, in order (comments and delimiter changes left out).
    private(set) var tags: [Tag] = []
    /// Partials included, in order.
    private(set) var includes: [Include] = []
    /// The deepest section nesting, and where the first tag that reaches `limit` stands.
    private(set) var depth = 0
    private(set) var tooDeepAt: Int?

    /// Nesting allowed, through sections and partials: far above what a page needs (the built-in
    /// templates nest fewer than ten), far below what overflows a thread's stack.
    static let limit = 100

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var position = 0, nesting = 0
        while let start = Self.find(open, in: bytes, from: position) {
            let body = start + open.count
            guard body < bytes.count else { return }
            switch bytes[body] {
            case UInt8(ascii: "{"):
                guard let end = Self.find([UInt8(ascii: "}")] + close, in: bytes, from: body + 1) else { return }
                position = end + 1 + close.count
                tags.append(Tag(sigil: "{", name: Self.trimmed(bytes[(body + 1)..<end]), offset: start))
            case UInt8(ascii: "="):
                guard let end = Self.find([UInt8(ascii: "=")] + close, in: bytes, from: body + 1) else { return }
                let parts = bytes[(body + 1)..<end].split { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
                position = end + 1 + close.count
            default:
                guard let end = Self.find(close, in: bytes, from: body) else { return }
                position = end + close.count
                tag(bytes[body..<end], at: start, nesting: &nesting)
            }
        }
    }

    private static let sigils = Set("#^/>&$<".utf8)

    /// One tag from what stands between its delimiters.
    private mutating func tag(_ inner: ArraySlice<UInt8>, at offset: Int, nesting: inout Int) {
        let sigil = inner.first ?? 0
        let hasSigil = Self.sigils.contains(sigil)
        let name = Self.trimmed(hasSigil ? inner.dropFirst() : inner)
        if sigil != UInt8(ascii: "!") {
            tags.append(Tag(sigil: hasSigil ? Character(UnicodeScalar(sigil)) : nil, name: name, offset: offset))
        }
        switch sigil {
        case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
            nesting += 1
            depth = max(depth, nesting)
            if nesting > Self.limit && tooDeepAt == nil { tooDeepAt = offset }
            if sigil == UInt8(ascii: "<") { include(name, depth: nesting, at: offset) }
        case UInt8(ascii: "/"):
            nesting = max(0, nesting - 1)
        case UInt8(ascii: ">"):
            include(name, depth: nesting, at: offset)
        default:
            break
        }
    }

    private mutating func include(_ name: String, depth: Int, at offset: Int) {
        let dynamic = name.hasPrefix("*")
        let partial = dynamic ? String(name.dropFirst()).trimmingCharacters(in: .whitespaces) : name
        includes.append(Include(name: partial, dynamic: dynamic, depth: depth, offset: offset))
    }

    /// The name in a tag's bytes, without the white space around it. Most names have none, and
    /// the rest are trimmed by Foundation, which knows Unicode's white space.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let first = bytes.first, let last = bytes.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The line and column of a byte offset in `text`, both from 1.
    static func position(of offset: Int, in text: String) -> (line: Int, column: Int) {
        let before = text.utf8.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { before.index(after: $0) } ?? before.startIndex
        return (line, String(decoding: before[lineStart...], as: UTF8.self).count + 1)
    }
}
