import Foundation

/// JSON as `JSONEncoder` writes it with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`
/// on Linux, byte for byte, without its cost: plan.json went through Foundation's boxing of every
/// value, a twelfth of a build. Keys are sorted by their UTF-8 bytes on every platform (older
/// macOS Foundations sort them case-insensitively, which would put `backups` before
/// `backupSpace`). Values are collected into a tree by a small `Encoder`, then written once. What
/// Foundation encodes in a way of its own (dates, data, URLs, decimals) is refused, and
/// `JSONOutput` hands the value to `JSONEncoder` instead. Tests hold the two to each other.
enum JSONText {
    struct Unsupported: Error {}

    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        try write(try TreeEncoder.value(of: value), indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: The tree

    /// Objects and arrays are boxes, so that a nested container fills them after it is handed out.
    final class Object: Refusing {
        /// In the order they were added; a key added again replaces its value, as in a dictionary.
        /// Kept as a list, sorted once when written: a dictionary hashed every key (2 % of a build).
        private(set) var members: [(key: String, value: Node)] = []

        override init() {
            members.reserveCapacity(16)  // most of plan.json's objects: fewer, so the list grows once at most
        }

        func add(_ key: String, _ value: Node) { members.append((key, value)) }

        /// The members by the UTF-8 bytes of their keys, as JSONEncoder's sortedKeys; of a key
        /// added more than once, the value added last.
        var sortedMembers: [(key: String, value: Node)] {
            let members = members
            let order = members.indices.sorted { left, right in
                let (a, b) = (members[left].key, members[right].key)
                return a == b ? left > right : a.utf8.lexicographicallyPrecedes(b.utf8)
            }
            var result: [(key: String, value: Node)] = []
            result.reserveCapacity(order.count)
            for index in order where result.last?.key != members[index].key { result.append(members[index]) }
            return result
        }
    }

    final class List: Refusing {
        var items: [Node] = []
    }

    /// A container asked for what the writer does not do marks itself; encoding then throws.
    class Refusing {
        private(set) var refused = false

        func refuse() -> Encoder {
            refused = true
            return TreeEncoder()
        }
    }

    enum Node {
        case null
        case literal(String)
        case string(String)
        case object(Object)
        case list(List)
    }

    // MARK: Writing

    private static func write(_ node: Node, indent: Int, into out: inout [UInt8]) throws {
        switch node {
        case .null: out += "null".utf8
        case .literal(let text): out += text.utf8
        case .string(let text): quote(text, into: &out)
        case .list(let list):
            guard !list.refused else { throw Unsupported() }
            out.append(UInt8(ascii: "["))
            for (index, item) in list.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newLine(indent + 1, &out)
                try write(item, indent: indent + 1, into: &out)
            }
            close("]", indent, empty: list.items.isEmpty, &out)
        case .object(let object):
            guard !object.refused else { throw Unsupported() }
            out.append(UInt8(ascii: "{"))
            let members = object.sortedMembers
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newLine(indent + 1, &out)
                quote(member.key, into: &out)
                out.append(contentsOf: colon)
                try write(member.value, indent: indent + 1, into: &out)
            }
            close("}", indent, empty: members.isEmpty, &out)
        }
    }

    private static let colon = Array(" : ".utf8)

    /// An empty container gets a blank line between its brackets, as JSONEncoder writes it.
    private static func close(_ bracket: Unicode.Scalar, _ indent: Int, empty: Bool, _ out: inout [UInt8]) {
        if empty { out.append(UInt8(ascii: "\n")) }
        newLine(indent, &out)
        out.append(UInt8(ascii: bracket))
    }

    /// A line break and the indentation after it, copied from one run of spaces (most of
    /// plan.json's bytes are indentation).
    private static func newLine(_ indent: Int, _ out: inout [UInt8]) {
        let width = 2 * indent
        guard width < lineStart.count else {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
            return
        }
        out.append(contentsOf: lineStart[..<(width + 1)])
    }

    private static let lineStart = [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 128)

    /// A string in quotes: `"`, `\\` and control characters escaped, everything else as it is.
    private static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs without a byte to escape are copied whole.
            var start = 0
            while let special = bytes[start...].firstIndex(where: needsEscape) {
                out.append(contentsOf: bytes[start..<special])
                escape(bytes[special], into: &out)
                start = special + 1
            }
            out.append(contentsOf: bytes[start...])
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out += #"\""#.utf8
        case UInt8(ascii: "\\"): out += #"\\"#.utf8
        case UInt8(ascii: "\n"): out += #"\n"#.utf8
        case UInt8(ascii: "\r"): out += #"\r"#.utf8
        case UInt8(ascii: "\t"): out += #"\t"#.utf8
        case 0x08: out += #"\b"#.utf8
        case 0x0C: out += #"\f"#.utf8
        case 0x00..<0x20:
            let digits = Array("0123456789abcdef".utf8)
            out += #"\u00"#.utf8
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        default: out.append(byte)
        }
    }

    /// A number as JSONEncoder writes it: Swift's own description, without a trailing ".0".
    static func number(_ value: Double) throws -> String {
        guard value.isFinite else { throw Unsupported() }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
