import Mustache

/// swift-mustache's HTML escaping (`<`, `>`, `&`, `"` and `'` as entities), which it does a
/// character at a time through a dictionary, done here on the bytes of ASCII text, where each
/// character is a byte: every page's layout escapes its title and links this way. Text that is
/// not ASCII is left to swift-mustache, whose characters can carry a combining mark.
struct HTMLEscape: MustacheContentType {
    let reference: any MustacheContentType

    /// `type`, or this in its place when it is swift-mustache's HTML escaping (its type is not public).
    static func replacing(_ type: any MustacheContentType) -> any MustacheContentType {
        String(describing: Swift.type(of: type)) == "HTMLContentType" ? HTMLEscape(reference: type) : type
    }

    func escapeText(_ text: String) -> String {
        var text = text
        switch text.withUTF8(Self.escaped) {
        case .unchanged: return text
        case .escaped(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .notASCII: return reference.escapeText(text)
        }
    }

    private enum Outcome {
        case unchanged, escaped([UInt8]), notASCII
    }

    private static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        var out: [UInt8]?
        for (index, byte) in bytes.enumerated() {
            guard byte < 0x80 else { return .notASCII }
            let entity: String
            switch byte {
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default:
                out?.append(byte)
                continue
            }
            // The first change: copy what came before it.
            if out == nil { out = Array(bytes[..<index]) }
            out?.append(contentsOf: entity.utf8)
        }
        return out.map(Outcome.escaped) ?? .unchanged
    }
}
