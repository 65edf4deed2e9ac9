import Yams

/// Reads typed values out of a YAML node tree, reporting every problem to one log with its
/// location. Each read returns nil when the value is missing or wrong, so that loading goes on
/// and the user sees every problem of a file at once. A value's path (`databases[3].name`) is
/// written out only for a diagnostic: writing it for every value read was a twentieth of a build.
final class NodeReader {
    let file: String
    private let byteOrderMarks: Set<YAMLDocument.Position>
    private(set) var log = DiagnosticLog()

    init(_ document: YAMLDocument) {
        file = document.file
        byteOrderMarks = document.byteOrderMarks
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return .start(of: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(_ node: Node, _ message: String) {
        log.error(location(of: node), message)
    }

    func error(_ location: SourceLocation, _ message: String) {
        log.error(location, message)
    }

    /// Whether the value `node` holds began with a U+FEFF that Yams dropped (it drops one that
    /// opens a value): invisible in the file, it would silently change what the value is.
    private func hidesByteOrderMark(_ node: Node) -> Bool {
        guard !byteOrderMarks.isEmpty, case .scalar(let scalar) = node, let mark = node.mark else { return false }
        switch scalar.style {
        case .plain: return byteOrderMarks.contains(.init(line: mark.line, column: mark.column))
        case .singleQuoted, .doubleQuoted: return byteOrderMarks.contains(.init(line: mark.line, column: mark.column + 1))
        default: return false
        }
    }

    // MARK: Structure

    /// The key/value pairs of a mapping at `path`, after checking every key against `allowed`.
    /// Unknown keys are errors with a "did you mean" hint: a misspelt key must never be ignored.
    func fields(_ node: Node, _ path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            let what = path.isEmpty ? "the document" : "'\(path)'"
            error(node, "\(what) must be a mapping of keys to values (key: value), not \(describe(node))")
            return nil
        }
        var values: [String: Node] = [:]
        values.reserveCapacity(mapping.count)
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                error(keyNode, "a key in '\(path)' must be a plain name, not \(describe(keyNode))")
                continue
            }
            if hidesByteOrderMark(keyNode) {
                error(keyNode, "the key '\(key.string)' in '\(path)' begins with U+FEFF, an invisible byte-order mark; remove it")
            }
            if values[key.string] != nil {
                error(keyNode, "'\(key.string)' appears twice in '\(path)'")
            } else if allowed.contains(key.string) {
                values[key.string] = value
            } else {
                let place = path.isEmpty ? "at the top level" : "in '\(path)'"
                // First in the file: a misspelt key causes other errors ("'x' is missing").
                log.error(
                    location(of: keyNode), "unknown key '\(key.string)' \(place)" + Suggestion.hint(for: key.string, in: allowed),
                    leads: true)
            }
        }
        return Fields(path: path, node: node, values: values, reader: self)
    }

    func sequence(_ node: Node, _ path: @autoclosure () -> String) -> [Node]? {
        guard case .sequence(let items) = node else {
            error(node, "'\(path())' must be a list, not \(describe(node))")
            return nil
        }
        return Array(items)
    }

    // MARK: Scalars

    func string(_ node: Node, _ path: @autoclosure () -> String) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            error(node, "'\(path())' must be a single value, not \(describe(node))")
            return nil
        }
        let text = scalar.string
        if hidesByteOrderMark(node) {
            error(node, "'\(path())' begins with U+FEFF, an invisible byte-order mark; remove it")
            return nil
        }
        // Blank: nothing but tabs and spaces (any of Unicode's).
        if YAMLDocument.isNull(scalar) || text.unicodeScalars.allSatisfy({ $0 == "\t" || $0.properties.generalCategory == .spaceSeparator })
        {
            error(node, "'\(path())' is empty")
            return nil
        }
        if scalar.style == .doubleQuoted, let control = text.unicodeScalars.first(where: Self.isEscapeResult) {
            error(
                node,
                "'\(path())' holds a control character (U+\(String(format: "%04X", control.value))); "
                    + "\(YAMLDocument.doubleQuotesHint): '\(Printable.quote(text, limit: 100))'")
            return nil
        }
        if text.count > Limits.valueLength {
            error(node, "'\(path())' is \(text.count) characters long; patchbook reads values of at most \(Limits.valueLength)")
            return nil
        }
        return Located(text, at: location(of: node))
    }

    /// What YAML makes of a backslash and a letter in double quotes (`\a`, `\n`, `\t`, `\e`, ...):
    /// how `"CONTOSO\admin"` turns into a control character.
    private static func isEscapeResult(_ scalar: Unicode.Scalar) -> Bool {
        [0x00, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x85, 0x2028, 0x2029].contains(scalar.value)
    }

    func bool(_ node: Node, _ path: @autoclosure () -> String) -> Located<Bool>? {
        guard let text = string(node, path()) else { return nil }
        switch text.value {
        case "true", "True", "TRUE": return Located(true, at: text.location)
        case "false", "False", "FALSE": return Located(false, at: text.location)
        default:
            error(node, "'\(path())' must be true or false, not '\(text.value)'")
            return nil
        }
    }

    func integer(_ node: Node, _ path: @autoclosure () -> String, in range: ClosedRange<Int>) -> Located<Int>? {
        guard let text = string(node, path()) else { return nil }
        guard let value = Int(text.value), case .scalar(let scalar) = node else {
            error(node, "'\(path())' must be a whole number, not '\(text.value)'")
            return nil
        }
        guard scalar.style == .plain else { return quoted(node, path(), String(value)) }
        guard range.contains(value) else {
            error(node, "'\(path())' must be from \(range.lowerBound) to \(range.upperBound), not \(value)")
            return nil
        }
        return Located(value, at: text.location)
    }

    /// A number from `minimum` (above 0) to `maximum`: a duration or a rate that estimates
    /// divide by, written as a number (not in quotes).
    func positive(_ node: Node, _ path: @autoclosure () -> String, minimum: Double = 0, maximum: Double) -> Double? {
        guard let text = string(node, path()) else { return nil }
        let range =
            minimum > 0
            ? "from \(Printable.number(minimum)) to \(Printable.number(maximum))" : "more than 0 and at most \(Printable.number(maximum))"
        guard let value = Double(text.value), value.isFinite, case .scalar(let scalar) = node else {
            error(node, "'\(path())' must be a number \(range), not '\(Printable.escape(text.value))'")
            return nil
        }
        guard scalar.style == .plain else { return quoted(node, path(), text.value) }
        guard value > 0, value >= minimum, value <= maximum else {
            error(node, "'\(path())' must be a number \(range), not \(text.value)")
            return nil
        }
        return value
    }

    /// A number in quotes: text to YAML, so refused with the way to write it.
    private func quoted<T>(_ node: Node, _ path: @autoclosure () -> String, _ number: String) -> T? {
        error(node, "'\(path())' is the number \(number) in quotes, which YAML reads as text; write it without quotes: \(number)")
        return nil
    }

    func number(_ node: Node, _ path: @autoclosure () -> String) -> Located<Double>? {
        guard let text = string(node, path()) else { return nil }
        guard let value = Double(text.value), value.isFinite, value >= 0 else {
            error(node, "'\(path())' must be a number of 0 or more, not '\(text.value)'")
            return nil
        }
        return Located(value, at: text.location)
    }

    /// A value from a fixed set, with a "did you mean" hint for near misses.
    func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, _ path: @autoclosure () -> String, as type: Value.Type) -> Located<
        Value
    >?
    where Value.RawValue == String {
        string(node, path()).flatMap { choice($0, path(), as: type) }
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ text: Located<String>, _ path: @autoclosure () -> String, as type: Value.Type)
        -> Located<Value>?
    where Value.RawValue == String {
        if let value = Value(rawValue: text.value) { return Located(value, at: text.location) }
        let names = Value.allCases.map(\.rawValue)
        error(
            text.location,
            "'\(path())' is '\(Printable.escape(text.value))'; expected one of: \(names.joined(separator: ", "))"
                + Suggestion.hint(for: text.value, in: names))
        return nil
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return "the value '\(scalar.string)'"
        case .alias: return "an alias"
        }
    }
}

/// The checked keys of one mapping, read by name.
struct Fields {
    let path: String
    let node: Node
    let values: [String: Node]
    let reader: NodeReader

    var location: SourceLocation { reader.location(of: node) }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    subscript(key: String) -> Node? { values[key] }

    /// The node for a key that must be present; reports it missing otherwise.
    func required(_ key: String) -> Node? {
        if let node = values[key] { return node }
        reader.error(node, "'\(path(key))' is missing")
        return nil
    }

    func string(_ key: String) -> Located<String>? { values[key].flatMap { reader.string($0, path(key)) } }
    func bool(_ key: String) -> Located<Bool>? { values[key].flatMap { reader.bool($0, path(key)) } }
    func requiredString(_ key: String) -> Located<String>? { required(key).flatMap { reader.string($0, path(key)) } }

    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) -> Located<Value>?
    where Value.RawValue == String {
        values[key].flatMap { reader.choice($0, path(key), as: type) }
    }

    /// A list of single values; `[]` when absent.
    func strings(_ key: String, maximum: Int = .max) -> [Located<String>] {
        guard let node = values[key], let items = list(key, node, maximum: maximum) else { return [] }
        return items.enumerated().compactMap { reader.string($1, "\(path(key))[\($0)]") }
    }

    /// Each item of a list, with its own path, as `[index]`.
    func items(_ key: String, maximum: Int = .max) -> [(path: String, node: Node)] {
        guard let node = values[key], let items = list(key, node, maximum: maximum) else { return [] }
        return items.enumerated().map { ("\(path(key))[\($0)]", $1) }
    }

    /// The first `maximum` items of a list; more are an error at the first one past the limit.
    private func list(_ key: String, _ node: Node, maximum: Int) -> [Node]? {
        guard let items = reader.sequence(node, path(key)) else { return nil }
        guard items.count > maximum else { return items }
        reader.error(
            items[maximum],
            "'\(path(key))' has \(items.count) entries; patchbook reads at most \(maximum), "
                + "far more than a real farm has")
        return Array(items.prefix(maximum))
    }
}
