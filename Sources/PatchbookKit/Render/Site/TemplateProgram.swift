import Mustache

/// A set of compiled templates flattened into one list of instructions whose operands are
/// positions: a text is a range of one byte buffer, a name, a partial or a pragma an index into a
/// table beside the list, and a section's body the instructions that follow it. `TemplateRenderer`
/// walks the list through buffer pointers and retains nothing to do so: walking trees of nodes
/// retained every node, text and name it passed, and the two cores rendering pages retained the
/// same shared objects, whose counts then moved between the cores' caches at every tag. Every
/// position is made by `Builder` from a template's tree, never read from a file, so each one is
/// within its table by construction: release builds do not check buffer pointers' bounds.
final class TemplateProgram: Sendable {
    enum Instruction: Sendable {
        /// Literal text: `text[start..<end]`.
        case text(start: Int, end: Int)
        case value(path: Int, escaped: Bool)
        /// A section; its body is the instructions after it, up to `end`.
        case section(path: Int, inverted: Bool, end: Int)
        /// A partial: the body at `template` in `bodies`, or nothing for -1 (no template of that
        /// name); with the indentation at `indentation` in `indentations`, -1 for none.
        case partial(template: Int, indentation: Int)
        /// A pragma: values after it are escaped by the content type at this place in `contentTypes`.
        case contentType(Int)
    }

    /// A name as a tag writes it (`CompiledTemplate.Path`): the `count` names from `start` in `names`.
    struct Path: Sendable {
        let start: Int
        let count: Int
        let innermostOnly: Bool
    }

    let instructions: [Instruction]
    let text: [UInt8]
    let paths: [Path]
    let names: [FieldName]
    let indentations: [String]
    let contentTypes: [any MustacheContentType]
    /// The content type a template and a partial start with (swift-mustache's HTML), -1 for none.
    let defaultContentType: Int
    /// Each template's instructions, by its place in the sorted names.
    let bodies: [Range<Int>]
    private let places: [String: Int]

    init(_ library: [String: CompiledTemplate]) {
        let templates = library.sorted { $0.key < $1.key }
        var builder = Builder(places: Dictionary(uniqueKeysWithValues: templates.enumerated().map { ($1.key, $0) }))
        defaultContentType = CompiledTemplate.defaultContentType.map { builder.add($0) } ?? -1
        bodies = templates.map { builder.add($0.value.nodes) }
        instructions = builder.instructions
        text = builder.text
        paths = builder.paths
        names = builder.names
        indentations = builder.indentations
        contentTypes = builder.contentTypes
        places = builder.places
    }

    /// The instructions of the template `name`, if the program has it.
    func body(of name: String) -> Range<Int>? {
        places[name].map { bodies[$0] }
    }

    private struct Builder {
        let places: [String: Int]
        var instructions: [Instruction] = []
        var text: [UInt8] = []
        var paths: [Path] = []
        var names: [FieldName] = []
        var indentations: [String] = []
        var contentTypes: [any MustacheContentType] = []

        init(places: [String: Int]) { self.places = places }

        /// Appends the nodes' instructions; returns where they are.
        mutating func add(_ nodes: [CompiledTemplate.Node]) -> Range<Int> {
            let start = instructions.count
            for node in nodes { add(node) }
            return start..<instructions.count
        }

        private mutating func add(_ node: CompiledTemplate.Node) {
            switch node {
            case .text(let string):
                let start = text.count
                text += string.utf8
                instructions.append(.text(start: start, end: text.count))
            case .value(let path, let escaped):
                instructions.append(.value(path: add(path), escaped: escaped))
            case .section(let path, let inverted, let body):
                let path = add(path)
                let at = instructions.count
                instructions.append(.section(path: path, inverted: inverted, end: at))
                let end = add(body.nodes).upperBound
                instructions[at] = .section(path: path, inverted: inverted, end: end)
            case .partial(let name, let indentation):
                let place = indentation.map { indentation in
                    indentations.append(indentation)
                    return indentations.count - 1
                }
                instructions.append(.partial(template: places[name] ?? -1, indentation: place ?? -1))
            case .contentType(let type):
                instructions.append(.contentType(add(type)))
            }
        }

        /// Adds a pragma's content type; returns its place.
        mutating func add(_ type: any MustacheContentType) -> Int {
            contentTypes.append(type)
            return contentTypes.count - 1
        }

        private mutating func add(_ path: CompiledTemplate.Path) -> Int {
            paths.append(Path(start: names.count, count: path.names.count, innermostOnly: path.innermostOnly))
            names += path.names
            return paths.count - 1
        }
    }
}
