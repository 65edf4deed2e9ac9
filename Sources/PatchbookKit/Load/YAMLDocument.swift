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
            let exists = FileManager.default.fileExists(atPath: path)
            return .failure(.error(at: .start(of: name), exists ? "cannot read the file" : "no such file"))
        }
        return parse(data: data, file: name)
    }

    static func parse(data: Data, file: String) -> Result<YAMLDocument, Diagnostic> {
        let start = SourceLocation.start(of: file)
        if data.count > maximumBytes {
            return .failure(.error(at: start, "the file is \(data.count) bytes; more than \(maximumBytes) is not a farm description or catalog"))
        }
        if let nul = data.firstIndex(of: 0) {
            return .failure(.error(at: location(ofByte: nul, in: data, file: file), "the file holds binary data (a NUL byte), not YAML text"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(.error(at: start, "the file is not UTF-8 text"))
        }
        if let deep = firstTooDeep(text) {
            return .failure(.error(at: SourceLocation(file: file, line: deep.line, column: deep.column),
                                   "nesting is deeper than \(maximumDepth) levels"))
        }
        return compose(text, file: file)
    }

    /// The readers interpret scalars themselves (booleans, numbers, builds, and null with
    /// `isNull`), so Yams resolves no tag: its default resolver runs a regular expression per
    /// rule on every scalar, which was a fifth of a large build. (Merge keys, `<<`, would need the
    /// readers to flatten mappings; they report `<<` as an unknown key.)
    private static let resolver = Resolver.basic

    private static func compose(_ text: String, file: String) -> Result<YAMLDocument, Diagnostic> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, Self.resolver)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file))
        } catch {
            return .failure(.error(at: .start(of: file), "the YAML cannot be read: \(error)"))
        }
        guard let root, !isNull(root) else {
            return .failure(.error(at: .start(of: file), "the file is empty"))
        }
        if nodeCount(root, limit: maximumNodes) > maximumNodes {
            return .failure(.error(at: .start(of: file), "the document expands to more than \(maximumNodes) values (are YAML aliases repeated?)"))
        }
        return .success(YAMLDocument(file: file, root: root))
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

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let where_ = SourceLocation(file: file, line: mark.line, column: mark.column)
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? problem
            return .error(at: where_, "invalid YAML: \(detail)")
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

    /// Counts nodes, stopping once past `limit`; aliases share nodes, so the walk, not memory, is bounded.
    private static func nodeCount(_ node: Node, limit: Int) -> Int {
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

    /// The first place where flow brackets or block indentation nest too deeply, found by a
    /// linear scan that over-counts (brackets inside strings count too) but never under-counts
    /// enough to let libyaml recurse past the bound.
    private static func firstTooDeep(_ text: String) -> (line: Int, column: Int)? {
        var depth = 0, line = 1, column = 0
        for scalar in text.unicodeScalars {
            column += 1
            switch scalar {
            case "[", "{": depth += 1
            case "]", "}": depth = max(0, depth - 1)
            case "\n": line += 1; column = 0
            default: break
            }
            if depth > maximumDepth { return (line, column) }
        }
        return indentationTooDeep(text)
    }

    private static func indentationTooDeep(_ text: String) -> (line: Int, column: Int)? {
        var line = 0
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let indent = row.prefix { $0 == " " || $0 == "-" }.count
            if indent > maximumDepth * 2 { return (line, 1) }
        }
        return nil
    }

    private static func location(ofByte index: Int, in data: Data, file: String) -> SourceLocation {
        let before = data[data.startIndex..<index]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
        return SourceLocation(file: file, line: line, column: index - lineStart + 1)
    }
}
