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

    /// A scalar written `<...>`: no real farm value has that form.
    static func isPlaceholder(_ text: String) -> Bool {
        text.count > 2 && text.hasPrefix("<") && text.hasSuffix(">")
    }

    /// Replaces what `log` says at each placeholder of `document` with one error naming it.
    static func apply(_ document: YAMLDocument, to log: inout DiagnosticLog) {
        var found: [Placeholder] = []
        collect(document.root, path: "", file: document.file, into: &found)
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

    private static func collect(_ node: Node, path: String, file: String, into found: inout [Placeholder]) {
        switch node {
        case .scalar(let scalar):
            if isPlaceholder(scalar.string), let mark = node.mark {
                found.append(
                    Placeholder(path: path, text: scalar.string, location: SourceLocation(file: file, line: mark.line, column: mark.column))
                )
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? "?"
                collect(value, path: path.isEmpty ? name : "\(path).\(name)", file: file, into: &found)
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                collect(item, path: "\(path)[\(index)]", file: file, into: &found)
            }
        case .alias:
            break
        }
    }
}
