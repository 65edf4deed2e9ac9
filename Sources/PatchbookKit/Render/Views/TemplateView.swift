import Mustache

/// A value templates read: a small struct that lists its fields once, each with its name in the
/// templates, what it means (docs/templates.md is written from these) and how it is read. swift-mustache
/// looks names up through `MustacheParent`, so a template sees exactly these fields and nothing else.
protocol TemplateView: MustacheParent {
    static var fields: ViewFields<Self> { get }
    /// The view whose names this one answers after its own (a page answers the farm's).
    var parentView: (any TemplateView)? { get }
    /// The value of the field `name`, or absent; a view with a parent asks it next.
    func value(named name: String) -> TemplateValue
}

extension TemplateView {
    var parentView: (any TemplateView)? { nil }

    func value(named name: String) -> TemplateValue { Self.fields.value(name, of: self) }

    func child(named name: String) -> Any? { value(named: name).any }

    /// Every name this view answers, with its value: its own fields, then its parent's.
    var entries: [(name: String, value: Any?)] {
        Self.fields.list.map { ($0.name, $0.value(self).any) } + (parentView?.entries ?? [])
    }
}

/// The fields of one kind of view, found by name in one dictionary lookup.
struct ViewFields<View>: Sendable {
    struct Field: Sendable {
        let name: String
        let meaning: String
        let value: @Sendable (View) -> TemplateValue
    }

    let list: [Field]
    private let index: [String: Int]

    init(_ list: [Field]) {
        self.list = list
        index = Dictionary(list.enumerated().map { ($1.name, $0) }) { first, _ in first }
    }

    func value(_ name: String, of view: View) -> TemplateValue {
        guard let position = index[name] else { return .absent }
        return list[position].value(view)
    }

    var names: [String] { list.map(\.name) }
}

/// One initializer per kind of value, chosen by the closure's type, so that a view lists a field
/// as `.init("name", "meaning") { $0.name }` and its kind is known without a cast.
extension ViewFields.Field {
    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> String) {
        self.init(name: name, meaning: meaning) { .text(value($0)) }
    }

    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> String?) {
        self.init(name: name, meaning: meaning) { TemplateValue(value($0)) }
    }

    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Bool) {
        self.init(name: name, meaning: meaning) { .flag(value($0)) }
    }

    init<Child: TemplateView>(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Child) {
        self.init(name: name, meaning: meaning) { .view(value($0)) }
    }

    init<Child: TemplateView>(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Child?) {
        self.init(name: name, meaning: meaning) { TemplateValue(value($0)) }
    }

    init<Child: TemplateView>(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> [Child]) {
        self.init(name: name, meaning: meaning) { .list(value($0)) }
    }

    /// A field whose kinds differ (a text, or false where there is none).
    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Any?) {
        self.init(name: name, meaning: meaning) { TemplateValue(any: value($0)) }
    }
}

/// What a template sees of a value, as text: two values get the same text exactly when every
/// template renders them alike. Each part is marked with its kind and length, so that no two
/// values run together into the same text. Step prose is shared between pages by this text.
enum Fingerprint {
    static func append(_ value: TemplateValue, to key: inout String) {
        switch value {
        case .absent:
            key += "n"
        case .text(let text):
            key += "s\(text.utf8.count):"
            key += text
        case .flag(let flag):
            key += flag ? "t" : "f"
        case .list(let list):
            key += "[\(list.count)"
            for index in 0..<list.count { append(list.element(index), to: &key) }
            key += "]"
        case .view(let view):
            append(view, to: &key)
        case .other(let value):
            let text = String(describing: value)
            key += "o\(text.utf8.count):\(text)"
        }
    }

    static func append<Child: TemplateView>(_ list: [Child], to key: inout String) {
        append(.list(list), to: &key)
    }

    private static func append<View: TemplateView>(_ view: View, to key: inout String) {
        key += "{"
        append(view, fields: nil, to: &key)
        key += "}"
    }

    /// The fields of `view` named in `names` (nil: all), as above.
    static func append<View: TemplateView>(_ view: View, fields names: Set<String>?, to key: inout String) {
        for field in View.fields.list where names?.contains(field.name) ?? true {
            key += "\(field.name.utf8.count):\(field.name)"
            append(field.value(view), to: &key)
        }
    }
}
