import Crypto
import Foundation
import PatchbookResources

/// The built-in templates and prose compiled ahead of time (`Templates/precompiled.bin`):
/// swift-mustache's parse, and reading its tokens through `Mirror` (`CompiledTemplate`), were
/// three quarters of the work of building one farm. Each template is kept under the SHA-256 of
/// the exact source it was compiled from, its pragma included, so a template that is not the
/// shipped one (edited, or a user's `--templates`) is parsed as before; a file that is damaged or
/// of another version is ignored whole. `make precompiled` rewrites the file, and a test fails
/// while it differs from what the shipped templates compile to.
struct PrecompiledTemplates: Sendable {
    /// Each compiled template, by the SHA-256 of its source.
    let entries: [[UInt8]: CompiledTemplate]

    static let none = PrecompiledTemplates(entries: [:])
    static let fileName = "precompiled.bin"

    /// The file shipped in `Templates/`, read once; none when it is missing or unreadable.
    static let builtIn: PrecompiledTemplates = {
        guard let folder = PatchbookResources.templates,
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path)
        else { return .none }
        return decode(data) ?? .none
    }()

    /// The compiled form of `source`, when this holds it.
    func template(for source: String) -> CompiledTemplate? {
        entries.isEmpty ? nil : entries[Self.key(source)]
    }

    static func key(_ source: String) -> [UInt8] { Array(SHA256.hash(data: Data(source.utf8))) }

    /// Version 1: this header, the number of templates, each template's key and nodes, and the
    /// SHA-256 of everything before it.
    private static let header = Array("patchbook precompiled templates 1\n".utf8)

    /// The file for these sources and their compiled forms, in an order of its own (by key), so
    /// that the same templates always give the same bytes. A template whose pragma this cannot
    /// name is left out: it is parsed at run time.
    static func encode(_ templates: Templates) -> Data {
        let taken = templates.compiled.compactMap { name, template in
            takes(name) ? templates.sources[name].map { (key($0), template) } : nil
        }
        return encode(entries: Dictionary(taken, uniquingKeysWith: { first, _ in first }))
    }

    /// Whether a template may come from here: warning texts are always parsed, because
    /// swift-mustache renders them (their facts are a dictionary).
    static func takes(_ name: String) -> Bool { !name.hasPrefix("warnings/") }

    static func encode(entries: [[UInt8]: CompiledTemplate]) -> Data {
        var written: [[UInt8]: [UInt8]] = [:]
        for (key, template) in entries {
            var writer = Writer()
            if writer.nodes(template.nodes) { written[key] = writer.out }
        }
        var body = header
        Writer.number(written.count, into: &body)
        for (key, nodes) in written.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            body += key
            body += nodes
        }
        return sealed(body)
    }

    /// `body` followed by its SHA-256.
    static func sealed(_ body: [UInt8]) -> Data {
        Data(body + SHA256.hash(data: body))
    }

    /// Nil unless `data` is a whole file of this version whose checksum holds.
    static func decode(_ data: Data) -> PrecompiledTemplates? {
        let bytes = [UInt8](data)
        let digestSize = SHA256.byteCount
        guard bytes.count >= header.count + 4 + digestSize, bytes.starts(with: header) else { return nil }
        let body = bytes[..<(bytes.count - digestSize)]
        guard Array(SHA256.hash(data: body)) == Array(bytes[body.endIndex...]) else { return nil }
        var reader = Reader(bytes: body, at: header.count)
        guard let count = reader.number() else { return nil }
        var entries: [[UInt8]: CompiledTemplate] = [:]
        for _ in 0..<count {
            guard let key = reader.bytes(digestSize), let nodes = reader.nodes(depth: 0) else { return nil }
            entries[Array(key)] = CompiledTemplate(nodes: nodes)
        }
        return reader.atEnd ? PrecompiledTemplates(entries: entries) : nil
    }

    /// The kind of each node, as its first byte.
    private enum Kind: UInt8 {
        case text, escapedValue, unescapedValue, section, invertedSection, partial, indentedPartial, contentType
    }

    private struct Writer {
        var out: [UInt8] = []

        static func number(_ value: Int, into out: inout [UInt8]) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { out += $0 }
        }

        mutating func string(_ text: String) {
            Self.number(text.utf8.count, into: &out)
            out += text.utf8
        }

        /// False when a node cannot be written (a content type without a name).
        mutating func nodes(_ nodes: [CompiledTemplate.Node]) -> Bool {
            Self.number(nodes.count, into: &out)
            for node in nodes {
                switch node {
                case .text(let text):
                    out.append(Kind.text.rawValue)
                    string(text)
                case .value(let path, let escaped):
                    out.append((escaped ? Kind.escapedValue : .unescapedValue).rawValue)
                    string(path.name)
                case .section(let path, let inverted, let body):
                    out.append((inverted ? Kind.invertedSection : .section).rawValue)
                    string(path.name)
                    guard self.nodes(body.nodes) else { return false }
                case .partial(let name, let indentation):
                    out.append((indentation == nil ? Kind.partial : .indentedPartial).rawValue)
                    string(name)
                    if let indentation { string(indentation) }
                case .contentType(let type):
                    guard let language = ContentTypes.language(of: type) else { return false }
                    out.append(Kind.contentType.rawValue)
                    string(language.rawValue)
                }
            }
            return true
        }
    }

    /// Reads what `Writer` wrote; nil at anything else, never past the end.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var at: Int

        var atEnd: Bool { at == bytes.endIndex }

        mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, bytes.endIndex - at >= count else { return nil }
            defer { at += count }
            return bytes[at..<(at + count)]
        }

        mutating func number() -> Int? {
            bytes(4).map { $0.reversed().reduce(0) { $0 << 8 | Int($1) } }
        }

        mutating func string() -> String? {
            guard let count = number(), let utf8 = bytes(count) else { return nil }
            return String(validating: utf8, as: UTF8.self)
        }

        /// Sections nest no deeper than templates may (`TemplateTags.limit`).
        mutating func nodes(depth: Int) -> [CompiledTemplate.Node]? {
            guard depth <= TemplateTags.limit, let count = number(), count <= bytes.endIndex - at else { return nil }
            var nodes: [CompiledTemplate.Node] = []
            nodes.reserveCapacity(count)
            for _ in 0..<count {
                guard let node = node(depth: depth) else { return nil }
                nodes.append(node)
            }
            return nodes
        }

        private mutating func node(depth: Int) -> CompiledTemplate.Node? {
            guard let byte = bytes(1)?.first, let kind = Kind(rawValue: byte), let text = string() else { return nil }
            switch kind {
            case .text: return .text(text)
            case .escapedValue, .unescapedValue: return .value(.init(text), escaped: kind == .escapedValue)
            case .section, .invertedSection:
                return nodes(depth: depth + 1).map {
                    .section(.init(text), inverted: kind == .invertedSection, body: CompiledTemplate(nodes: $0))
                }
            case .partial: return .partial(text, indentation: nil)
            case .indentedPartial: return string().map { .partial(text, indentation: $0) }
            case .contentType: return Escapers.Language(rawValue: text).flatMap(ContentTypes.type(for:)).map(Node.contentType)
            }
        }

        private typealias Node = CompiledTemplate.Node
    }
}
