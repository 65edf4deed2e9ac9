import Foundation
import Yams

/// A YAML (or JSON) file parsed into a node tree whose nodes keep their line and column.
///
/// Reading never crashes and never hangs, whatever the bytes: size, encoding, nesting and alias
/// expansion are bounded before or while the tree is built, and each failure is a diagnostic.
struct YAMLDocument {
    /// The name used in diagnostics: the path as the user gave it.
    let file: String
    let root: Node
    /// Where a U+FEFF stands in the text (line, column), or a `\uFEFF` escape begins: Yams drops
    /// a U+FEFF that begins a value, so the readers look here to report it instead.
    var byteOrderMarks: Set<Position> = []
    /// False when no scalar can be a placeholder (`Placeholders.mayOccur(in:)`).
    var mayHoldPlaceholder = true

    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// Larger than any real farm description or catalog by two orders of magnitude.
    static let maximumBytes = 4 * 1024 * 1024
    /// Bounds the work of walking a tree that YAML aliases make exponentially large.
    static let maximumNodes = 200_000
    /// libyaml recurses once per nesting level; bounding it keeps the stack safe.
    static let maximumDepth = 200

    /// Reads and parses `path`, or returns the diagnostic that says why it cannot be.
    static func read(path: String, displayName: String? = nil) -> Result<YAMLDocument, Diagnostic> {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            // The file as a whole: no line or column of it was read.
            return .failure(.error(at: .whole(name), unreadable(path)))
        }
        return parse(data: data, file: name)
    }

    /// Why `path` cannot be read, in the words of what the user can change.
    static func unreadable(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? "this is a folder, not a farm description file" : "cannot read the file (permission denied?)"
        }
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return "no such file" }
        var status = stat()
        if stat(path, &status) != 0 && errno == ELOOP {
            return "this is a symbolic link that leads back to itself (a loop of links)"
        }
        return "this is a symbolic link to '\(target)', which does not exist"
    }

    static func parse(data: Data, file: String) -> Result<YAMLDocument, Diagnostic> {
        let start = SourceLocation.start(of: file)
        if data.count > maximumBytes {
            return .failure(
                .error(at: start, "the file is \(data.count) bytes; more than \(maximumBytes) is not a farm description or catalog"))
        }
        if let encoding = TextEncoding.wide(data) {
            return .failure(.error(at: start, "the file is \(encoding) text (what Windows calls 'Unicode'); save it as UTF-8"))
        }
        if let nul = data.withUnsafeBytes({ $0.firstIndex(of: 0) }) {
            return .failure(
                .error(
                    at: location(ofByte: data.startIndex + nul, in: data, file: file),
                    "the file holds binary data (a NUL byte), not YAML text"))
        }
        if let bad = TextEncoding.firstInvalidUTF8(data) {
            let byte = String(data[data.startIndex + bad], radix: 16, uppercase: true)
            return .failure(
                .error(
                    at: location(ofByte: data.startIndex + bad, in: data, file: file),
                    "the file is not UTF-8 text: byte 0x\(byte) here is not UTF-8 (a Windows code page?); save the file as UTF-8"))
        }
        let text = String(decoding: data, as: UTF8.self)
        if let deep = Nesting.firstTooDeep(text, maximum: maximumDepth) {
            return .failure(
                .error(
                    at: SourceLocation(file: file, line: deep.line, column: deep.column),
                    "nesting is deeper than \(maximumDepth) levels"))
        }
        return compose(text, file: file)
    }

    /// The readers interpret scalars themselves (booleans, numbers, builds, and null with
    /// `isNull`), so Yams resolves no tag: its default resolver runs a regular expression per
    /// rule on every scalar, which was a fifth of a large build. (Merge keys, `<<`, would need the
    /// readers to flatten mappings; they report `<<` as an unknown key.)
    private static let resolver = Resolver.basic

    /// Named for every call into Yams: its default reads the environment on every call, and
    /// prints to standard output when YAMS_DEFAULT_ENCODING is set. Swift strings are UTF-8.
    static var encoding: Parser.Encoding { .utf8 }

    /// `Yams.load` for the small files patchbook ships (labels, warning texts, key descriptions,
    /// a step's front matter): a plain value, or nil when the YAML cannot be read.
    static func plainValue(_ text: String) -> Any? {
        try? Yams.load(yaml: text, .default, .default, encoding)
    }

    private static func compose(_ text: String, file: String) -> Result<YAMLDocument, Diagnostic> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, Self.resolver, .default, Self.encoding)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file, text: text))
        } catch {
            return .failure(.error(at: .start(of: file), "the YAML cannot be read: \(error)"))
        }
        guard let root, !isNull(root) else {
            return .failure(.error(at: .start(of: file), "the file is empty"))
        }
        if mayExpand(text), nodeCount(root, limit: maximumNodes) > maximumNodes {
            return .failure(
                .error(at: .start(of: file), "the document expands to more than \(maximumNodes) values (are YAML aliases repeated?)"))
        }
        return .success(
            YAMLDocument(
                file: file, root: root, byteOrderMarks: byteOrderMarks(in: text), mayHoldPlaceholder: Placeholders.mayOccur(in: text)))
    }

    private static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return isNull(scalar) }
        return false
    }

    /// YAML's null: tagged `!!null`, or written plainly and untagged as `~`, `null`, `Null`,
    /// `NULL` or nothing. Reads the tag as written (`description`): asking a node for its `tag`
    /// would resolve it, as `str`.
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        switch scalar.tag.description {
        case Tag.Name.null.rawValue: return true
        case Tag.Name.implicit.rawValue: return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        default: return false
        }
    }

    private static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if let tab = tabIndentation(line: mark.line, in: text) {
                return .error(
                    at: SourceLocation(file: file, line: mark.line, column: tab),
                    "this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces")
            }
            let where_ = SourceLocation(file: file, line: mark.line, column: mark.column)
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? problem
            let hint = problem.contains("unknown escape character") ? "; \(doubleQuotesHint)" : ""
            return .error(at: where_, "invalid YAML: \(detail)\(hint)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let where_ = SourceLocation(file: file, line: max(1, context.mark.line), column: max(1, context.mark.column))
            return .error(at: where_, "the key \(keys) is given more than once in the same mapping (first here)")
        case .reader(let problem, _, _, _):
            return .error(at: .start(of: file), "the file cannot be decoded: \(problem)")
        default:
            return .error(at: .start(of: file), "invalid YAML: \(error)")
        }
    }

    /// Whether the tree of `text` could hold more than `maximumNodes` nodes. Without an alias
    /// (`*`), every node takes at least half a byte of the text (an empty value takes its `:`,
    /// `-`, `?` or `,`, which at most two share), so a text of under a quarter of the bound in
    /// bytes cannot, and its tree need not be walked (a farm description is tens of kilobytes).
    static func mayExpand(_ text: String) -> Bool {
        var text = text
        return text.utf8.count * 4 >= maximumNodes || text.withUTF8 { $0.index(of: UInt8(ascii: "*"), from: 0) != nil }
    }

    /// Counts nodes, stopping once past `limit`; aliases share nodes, so the walk, not memory, is bounded.
    static func nodeCount(_ node: Node, limit: Int) -> Int {
        var count = 0
        var stack = [node]
        while let next = stack.popLast(), count <= limit {
            count += 1
            switch next {
            case .mapping(let mapping):
                for (key, value) in mapping { stack.append(key); stack.append(value) }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
        return count
    }

    /// What to write instead of a double-quoted value with backslashes (`"CONTOSO\sp_setup"`).
    static let doubleQuotesHint =
        "in double quotes a backslash starts an escape such as \\n: "
        + "write a value with backslashes (CONTOSO\\sp_setup, \\\\server\\share) without quotes or in single quotes"

    /// The column of a tab in the indentation of `line` (1-based), if there is one.
    private static func tabIndentation(line: Int, in text: String) -> Int? {
        var number = 1
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { number += 1 }
            guard number == line else { continue }
            let indentation = row.prefix { $0 == " " || $0 == "\t" }
            return indentation.firstIndex(of: "\t").map { indentation.distance(from: indentation.startIndex, to: $0) + 1 }
        }
        return nil
    }

    /// Whether `text` holds U+FEFF after its first character, or `feff` in any case (a `\uFEFF`
    /// escape): one pass over the bytes, as every farm description is checked.
    static func mayHoldByteOrderMark(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3 else { return false }
        for index in 0...(bytes.count - 3) {
            if index > 0 && bytes[index] == 0xEF && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF { return true }
            if index + 3 < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "f"), bytes[index + 1] | 0x20 == UInt8(ascii: "e"),
                bytes[index + 2] | 0x20 == UInt8(ascii: "f"), bytes[index + 3] | 0x20 == UInt8(ascii: "f")
            {
                return true
            }
        }
        return false
    }

    /// Where U+FEFF characters and `\uFEFF` escapes stand, by line and column as libyaml counts
    /// them (characters); the one that may open the file is the byte-order mark YAML allows.
    private static func byteOrderMarks(in text: String) -> Set<Position> {
        guard mayHoldByteOrderMark(text) else { return [] }
        var marks: Set<Position> = []
        var line = 1, column = 0
        let scalars = Array(text.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() {
            if scalar == "\n" { line += 1; column = 0; continue }
            column += 1
            let isMark = scalar == "\u{FEFF}" && offset > 0
            if isMark || scalar == "\\" && isFEFFEscape(scalars[(offset + 1)...].prefix(9)) {
                marks.insert(Position(line: line, column: column))
            }
        }
        return marks
    }

    private static func isFEFFEscape(_ next: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = String(String.UnicodeScalarView(next)).lowercased()
        return text.hasPrefix("ufeff") || text.hasPrefix("u0000feff")
    }

    private static func location(ofByte index: Int, in data: Data, file: String) -> SourceLocation {
        let before = data[data.startIndex..<index]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
        // Columns count characters, as the YAML reader's do (the bytes before are read leniently).
        let column = String(decoding: data[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }
}
