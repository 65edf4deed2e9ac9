import Foundation
import Mustache

/// Runs compiled templates (`TemplateProgram`) by swift-mustache's rules (`MustacheTemplate.render(context:)`):
/// a name is looked up from the innermost value outwards, and the first value that has it
/// answers the rest of a dotted name; a list repeats its section per element, a flag shows or
/// hides it, any other value is entered; a partial starts with HTML escaping and its tag's
/// indentation, which goes before each token that follows a line break. Values come typed, so
/// nothing is cast at run time, and the output grows as the bytes of one string (appending to a
/// string cost more than copying the bytes).
struct TemplateRenderer {
    private let program: TemplateProgram
    /// The program's tables, read in place for the whole render (`TemplateProgram`).
    private let instructions: UnsafeBufferPointer<TemplateProgram.Instruction>
    private let text: UnsafeBufferPointer<UInt8>
    private let paths: UnsafeBufferPointer<TemplateProgram.Path>
    private let names: UnsafeBufferPointer<FieldName>
    private var stack: [TemplateValue]
    private var out: [UInt8] = []

    /// The template `name` of `program`, or nil when the program lacks it.
    static func render(_ name: String, in program: TemplateProgram, _ view: any TemplateView) -> String? {
        program.body(of: name).map { render($0, in: program, view) }
    }

    private static func render(_ body: Range<Int>, in program: TemplateProgram, _ view: any TemplateView) -> String {
        program.instructions.withUnsafeBufferPointer { instructions in
            program.text.withUnsafeBufferPointer { text in
                program.paths.withUnsafeBufferPointer { paths in
                    program.names.withUnsafeBufferPointer { names in
                        var renderer = TemplateRenderer(
                            program: program, instructions: instructions, text: text, paths: paths, names: names, root: .view(view))
                        renderer.out.reserveCapacity(4096)
                        renderer.run(body, contentType: program.defaultContentType, indentation: nil)
                        // Whole strings joined, and indentation put between them: valid UTF-8, as it is.
                        return String(decoding: renderer.out, as: UTF8.self)
                    }
                }
            }
        }
    }

    private init(
        program: TemplateProgram, instructions: UnsafeBufferPointer<TemplateProgram.Instruction>, text: UnsafeBufferPointer<UInt8>,
        paths: UnsafeBufferPointer<TemplateProgram.Path>, names: UnsafeBufferPointer<FieldName>, root: TemplateValue
    ) {
        self.program = program
        self.instructions = instructions
        self.text = text
        self.paths = paths
        self.names = names
        stack = [root]
    }

    /// Runs the instructions of `body`, each top-level one (a section with its own body) as one
    /// token: with `indentation`, it goes before each token that follows a line break.
    private mutating func run(_ body: Range<Int>, contentType: Int, indentation: String?) {
        var contentType = contentType
        var index = body.lowerBound
        guard let indentation, !indentation.isEmpty else {
            while index < body.upperBound { index = run(at: index, contentType: &contentType, indentation: indentation) }
            return
        }
        let start = out.count
        while index < body.upperBound {
            let before = out.count
            let atLineStart = before > start && endsWithLineBreak(after: start)
            index = run(at: index, contentType: &contentType, indentation: indentation)
            if atLineStart && out.count > before {
                out.insert(contentsOf: indentation.utf8, at: before)
            }
        }
    }

    /// Whether the output since `start` ends with "\n" as its last character ("\r\n" is one other character).
    private func endsWithLineBreak(after start: Int) -> Bool {
        guard out.last == 0x0A else { return false }
        return out.count - 1 == start || out[out.count - 2] != 0x0D
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Runs the instruction at `index`, a section with its body; returns the index after them.
    private mutating func run(at index: Int, contentType: inout Int, indentation: String?) -> Int {
        switch instructions[index] {
        case .text(let start, let end):
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
        case .value(let path, let escaped):
            guard let text = Self.text(of: value(path)) else { break }
            append(escaped && contentType >= 0 ? program.contentTypes[contentType].escapeText(text) : text)
        case .section(let path, let inverted, let end):
            section(value(path), inverted: inverted, body: (index + 1)..<end, contentType: contentType, indentation: indentation)
            return end
        case .partial(let template, let indented):
            guard template >= 0 else { break }
            let indentation = indented >= 0 ? (indentation ?? "") + program.indentations[indented] : indentation
            run(program.bodies[template], contentType: program.defaultContentType, indentation: indentation)
        case .contentType(let type):
            contentType = type
        }
        return index + 1
    }

    private mutating func section(_ value: TemplateValue, inverted: Bool, body: Range<Int>, contentType: Int, indentation: String?) {
        switch (value, inverted) {
        case (.list(let list), false):
            for index in 0..<list.count { entered(list.element(index), body, contentType, indentation) }
        case (.list(let list), true):
            if list.count == 0 { entered(value, body, contentType, indentation) }
        case (.flag(let flag), _):
            if flag != inverted { run(body, contentType: contentType, indentation: indentation) }
        case (.absent, false):
            break
        case (.absent, true):
            run(body, contentType: contentType, indentation: indentation)
        case (_, false):
            entered(value, body, contentType, indentation)
        case (_, true):
            break
        }
    }

    private mutating func entered(_ value: TemplateValue, _ body: Range<Int>, _ contentType: Int, _ indentation: String?) {
        stack.append(value)
        run(body, contentType: contentType, indentation: indentation)
        stack.removeLast()
    }

    // MARK: Names

    /// Walks the stack by index: a for-in loop over it would copy each value it passes.
    private func value(_ place: Int) -> TemplateValue {
        let path = paths[place]
        let names = names[path.start..<(path.start + path.count)]
        guard let first = names.first, !stack.isEmpty else { return stack.last ?? .absent }
        if path.innermostOnly { return resolve(names, in: stack[stack.count - 1]) }
        var index = stack.count - 1
        while index >= 0 {
            let found = Self.child(first, of: stack[index])
            index -= 1
            if case .absent = found { continue }
            return names.count == 1 ? found : resolve(names.dropFirst(), in: found)
        }
        return .absent
    }

    private func resolve(_ names: Slice<UnsafeBufferPointer<FieldName>>, in value: TemplateValue) -> TemplateValue {
        var value = value
        for name in names {
            value = Self.child(name, of: value)
            if case .absent = value { return .absent }
        }
        return value
    }

    /// A view answers by its fields; anything else as swift-mustache reads it, by reflection.
    /// A text, a flag, a number or a list has no labelled children to reflect (a section over a text puts
    /// one on the stack, and names inside it pass it by), so they answer nothing at once.
    private static func child(_ name: FieldName, of value: TemplateValue) -> TemplateValue {
        switch value {
        case .view(let view): return view.value(name)
        case .absent, .text, .flag, .list, .number: return .absent
        case .other: break
        }
        guard let any = value.any, let match = Mirror(reflecting: any).children.first(where: { $0.label == name.text }) else {
            return .absent
        }
        let mirror = Mirror(reflecting: match.value)
        guard mirror.displayStyle == .optional else { return TemplateValue(any: match.value) }
        return TemplateValue(any: mirror.children.first?.value)
    }

    /// A value as a tag prints it (before escaping); nil for an absent one.
    private static func text(of value: TemplateValue) -> String? {
        switch value {
        case .absent: nil
        case .text(let text): text
        case .flag(let flag): flag ? "true" : "false"
        case .view(let view): String(describing: view)
        case .list(let list): String(describing: list.anyElements)
        case .number(let number): String(number)
        case .other(let value): String(describing: value)
        }
    }
}
