import Mustache

/// A value templates read: a small struct that lists its fields once, each with its name in the
/// templates, what it means (docs/templates.md is written from these) and how it is read. swift-mustache
/// looks names up through `MustacheParent`, so a template sees exactly these fields and nothing else.
protocol TemplateView: MustacheParent {
    static var fields: ViewFields<Self> { get }
    /// The view whose names this one answers after its own (a page answers the farm's).
    var parentView: (any TemplateView)? { get }
}

extension TemplateView {
    var parentView: (any TemplateView)? { nil }

    func child(named name: String) -> Any? { Self.fields.value(name, of: self) }

    /// Every name this view answers, with its value: its own fields, then its parent's.
    var entries: [(name: String, value: Any?)] {
        Self.fields.list.map { ($0.name, $0.value(self)) } + (parentView?.entries ?? [])
    }
}

/// The fields of one kind of view, found by name in one dictionary lookup.
struct ViewFields<View>: Sendable {
    struct Field: Sendable {
        let name: String
        let meaning: String
        let value: @Sendable (View) -> Any?
    }

    let list: [Field]
    private let index: [String: Int]

    init(_ list: [Field]) {
        self.list = list
        index = Dictionary(list.enumerated().map { ($1.name, $0) }) { first, _ in first }
    }

    func value(_ name: String, of view: View) -> Any? {
        guard let position = index[name] else { return nil }
        return list[position].value(view)
    }

    var names: [String] { list.map(\.name) }
}

extension ViewFields.Field {
    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Any?) {
        self.init(name: name, meaning: meaning, value: value)
    }
}

/// What a template sees of a value, as text: two values get the same text exactly when every
/// template renders them alike. Each part is marked with its kind and length, so that no two
/// values run together into the same text. Step prose is shared between pages by this text.
enum Fingerprint {
    static func append(_ value: Any?, to key: inout String) {
        switch value {
        case nil:
            key += "n"
        case let text as String:
            key += "s\(text.utf8.count):"
            key += text
        case let flag as Bool:
            key += flag ? "t" : "f"
        case let list as [Any]:
            key += "[\(list.count)"
            list.forEach { append($0, to: &key) }
            key += "]"
        case let view as any TemplateView:
            append(view, to: &key)
        default:
            let text = String(describing: value)
            key += "o\(text.utf8.count):\(text)"
        }
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
