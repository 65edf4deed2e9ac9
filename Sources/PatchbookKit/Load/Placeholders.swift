import Yams

/// `patchbook init` writes a starter description whose values to fill in read `<like this>`.
/// Validating it as it is names each placeholder, and only that: the other problems a
/// placeholder causes where it stands (not a computer name, not a level) would say the same less
/// clearly, so they are dropped.
enum Placeholders {
    struct Placeholder {
        let path: String
        let text: String
        let location: SourceLocation
    }

    /// A scalar written `<...>`: no real farm value has that form. The count, which walks the
    /// characters, comes last: it is asked of every scalar and name a farm has.
    static func isPlaceholder(_ text: String) -> Bool {
        text.hasPrefix("<") && text.hasSuffix(">") && text.count > 2
    }

    /// Whether `text` can hold a scalar that starts with `<`: it holds the byte, or `3C` in any
    /// case, as a double-quoted escape of it writes (`\x3C`, `\u003C`, `\U0000003C`). Most farms
    /// hold neither, and their nodes are not walked (the walk was 2 % of a build).
    static func mayOccur(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                if bytes[index] == UInt8(ascii: "<") { return true }
                if bytes[index] == UInt8(ascii: "3"), index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "c") {
                    return true
                }
            }
            return false
        }
    }

    /// Replaces what `log` says at each placeholder of `document` with one error naming it.
    static func apply(_ document: YAMLDocument, to log: inout DiagnosticLog) {
        guard document.mayHoldPlaceholder else { return }
        var found: [Placeholder] = []
        var path = Path()
        collect(document.root, path: &path, file: document.file, into: &found)
        guard !found.isEmpty else { return }
        let locations = Set(found.map(\.location))
        var kept = DiagnosticLog()
        for entry in log.entries where !locations.contains(entry.location) {
            kept.append(entry)  // whole, so that a misspelt key still comes first
        }
        for placeholder in found {
            kept.error(
                placeholder.location,
                "'\(placeholder.path)' still holds the placeholder '\(placeholder.text)' from patchbook init: replace it with this farm's value"
            )
        }
        log = kept
    }

    /// Where the walk stands, written out (`servers[0].name`) only at a placeholder: a farm has
    /// thousands of scalars and, as written, none.
    private struct Path {
        enum Step {
            case key(String)
            case index(Int)
        }

        var steps: [Step] = []

        var text: String {
            steps.reduce(into: "") { text, step in
                switch step {
                case .key(let name): text += text.isEmpty ? name : ".\(name)"
                case .index(let index): text += "[\(index)]"
                }
            }
        }
    }

    private static func collect(_ node: Node, path: inout Path, file: String, into found: inout [Placeholder]) {
        switch node {
        case .scalar(let scalar):
            if isPlaceholder(scalar.string), let mark = node.mark {
                found.append(
                    Placeholder(
                        path: path.text, text: scalar.string, location: SourceLocation(file: file, line: mark.line, column: mark.column))
                )
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                path.steps.append(.key(key.string ?? "?"))
                collect(value, path: &path, file: file, into: &found)
                path.steps.removeLast()
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                path.steps.append(.index(index))
                collect(item, path: &path, file: file, into: &found)
                path.steps.removeLast()
            }
        case .alias:
            break
        }
    }
}
